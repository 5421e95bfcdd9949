package main

import (
	"strconv"
	"testing"
	"time"
)

// The limiter reads no clock of its own, so these steps are exact.
func TestLimiter(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	limiter := NewLimiter(60, 2) // a token a second, two at most
	steps := []struct {
		name     string
		client   string
		after    time.Duration
		wantOK   bool
		wantWait time.Duration
	}{
		{"a full bucket lets a burst through", "a", 0, true, 0},
		{"the second of the burst", "a", 0, true, 0},
		{"an empty bucket refuses", "a", 0, false, time.Second},
		{"the wait shrinks as time passes", "a", time.Second / 4, false, time.Second * 3 / 4},
		{"one token comes back", "a", time.Second, true, 0},
		{"another client has a bucket of its own", "b", time.Second, true, 0},
		{"a long pause fills the bucket, no more", "a", time.Hour, true, 0},
		{"the second of the refilled burst", "a", time.Hour, true, 0},
		{"and no third", "a", time.Hour, false, time.Second},
	}
	for _, step := range steps {
		ok, wait := limiter.Allow(step.client, start.Add(step.after))
		if ok != step.wantOK || wait != step.wantWait {
			t.Errorf("%s: Allow(%q, +%v) = %v, %v; want %v, %v", step.name,
				step.client, step.after, ok, wait, step.wantOK, step.wantWait)
		}
	}
}

func TestLimiterForgetsFullBuckets(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	limiter := NewLimiter(60, 1)
	for i := range maxClients {
		limiter.Allow(string(rune(i)), now)
	}
	// A minute later every bucket is full again, so a new client clears them.
	limiter.Allow("new", now.Add(time.Minute))
	if got := len(limiter.buckets); got != 1 {
		t.Errorf("%d buckets after the sweep, want 1", got)
	}
}

func TestLimiterKeepsAtMostMaxClients(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	limiter := NewLimiter(60, 1)
	// Each client empties its bucket, a microsecond after the one before;
	// none refills within the 10 ms this takes.
	for i := range maxClients {
		limiter.Allow(strconv.Itoa(i), now.Add(time.Duration(i)*time.Microsecond))
	}
	// No bucket is full, so the new client takes the place of the oldest.
	limiter.Allow("new", now.Add(maxClients*time.Microsecond))
	if got := len(limiter.buckets); got != maxClients {
		t.Errorf("%d buckets, want at most %d", got, maxClients)
	}
	for client, want := range map[string]bool{"0": false, "1": true, "new": true} {
		if _, kept := limiter.buckets[client]; kept != want {
			t.Errorf("bucket of %q kept: %v, want %v", client, kept, want)
		}
	}
}
