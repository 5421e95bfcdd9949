// Package ratelimit is a token bucket: a burst of calls goes through at
// once, then one per interval. The Go original of the rate-limiter exercise,
// which the reader ports to Rust.
package ratelimit

import (
	"context"
	"sync"
	"time"
)

// Limiter holds up to burst tokens and gains one every interval. Allow and
// Wait each take one. It is safe for concurrent use.
type Limiter struct {
	interval time.Duration
	burst    int

	mu     sync.Mutex
	tokens int
	last   time.Time // when the tokens were last counted
}

// New returns a limiter with a full bucket: burst tokens (at least one),
// and one more every interval.
func New(interval time.Duration, burst int) *Limiter {
	burst = max(burst, 1)
	return &Limiter{interval: interval, burst: burst, tokens: burst, last: time.Now()}
}

// refill adds the tokens earned since l.last, up to burst. The time of a
// token not yet whole is kept for the next count. l.mu must be held.
func (l *Limiter) refill(now time.Time) {
	earned := int(now.Sub(l.last) / l.interval)
	if l.tokens+earned >= l.burst {
		l.tokens, l.last = l.burst, now
		return
	}
	l.tokens += earned
	l.last = l.last.Add(time.Duration(earned) * l.interval)
}

// Allow takes a token if there is one, and reports whether it did.
func (l *Limiter) Allow() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.refill(time.Now())
	if l.tokens == 0 {
		return false
	}
	l.tokens--
	return true
}

// Wait takes a token, waiting until there is one, or returns ctx.Err() when
// ctx is done first; a Wait that gives up takes no token.
func (l *Limiter) Wait(ctx context.Context) error {
	for {
		l.mu.Lock()
		l.refill(time.Now())
		if l.tokens > 0 {
			l.tokens--
			l.mu.Unlock()
			return nil
		}
		next := l.last.Add(l.interval)
		l.mu.Unlock()

		timer := time.NewTimer(time.Until(next))
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		}
	}
}
