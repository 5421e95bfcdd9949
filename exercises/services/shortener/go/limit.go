// A token bucket per client, for POST /links.

package main

import (
	"sync"
	"time"
)

// maxClients is how many buckets the limiter keeps at most. Past it, a new
// client's bucket takes the place of those that have filled up again (a
// full bucket is the same as a new one) or, if none has, of the one least
// recently used.
const maxClients = 10_000

// ANCHOR: limiter
// Limiter gives each client a bucket of Burst tokens that refills at Rate
// per minute; a request takes one token, or is told how long to wait.
type Limiter struct {
	mu      sync.Mutex
	perSec  float64
	burst   float64
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time // when tokens was last brought up to date
}

func NewLimiter(perMinute, burst int) *Limiter {
	return &Limiter{
		perSec:  float64(perMinute) / 60,
		burst:   float64(burst),
		buckets: make(map[string]*bucket),
	}
}

// Allow takes a token from client's bucket at time now. When the bucket
// has less than one, it takes nothing and returns how long until it has.
func (l *Limiter) Allow(client string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[client]
	if !ok {
		if len(l.buckets) >= maxClients {
			l.forget(now)
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[client] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.perSec)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.perSec * float64(time.Second))
}

// ANCHOR_END: limiter

// forget makes room for one more bucket. It drops the buckets that have
// refilled by now, or, when none has, the one least recently used: a
// client forgotten so early gets a full bucket back, which is the price of
// the bound. It scans every bucket, once per new client while at the cap.
func (l *Limiter) forget(now time.Time) {
	var oldest string
	var oldestLast time.Time
	for client, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.perSec >= l.burst {
			delete(l.buckets, client)
		} else if oldestLast.IsZero() || b.last.Before(oldestLast) {
			oldest, oldestLast = client, b.last
		}
	}
	if len(l.buckets) >= maxClients {
		delete(l.buckets, oldest)
	}
}
