package ratelimit

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// The Rust tests of this exercise (../tests/cases.rs) mirror these cases
// one for one, under the same names. Each runs in a synctest bubble, whose
// clock moves only when every goroutine in it is blocked: time.Sleep takes
// no time and every elapsed time is exact.

const interval = 100 * time.Millisecond

// allowed calls Allow n times and returns how many it allowed.
func allowed(l *Limiter, n int) int {
	count := 0
	for range n {
		if l.Allow() {
			count++
		}
	}
	return count
}

func TestLimiter(t *testing.T) {
	t.Run("a_full_bucket_allows_a_burst", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			l := New(interval, 3)
			if got := allowed(l, 5); got != 3 {
				t.Errorf("a new limiter of burst 3 allowed %d of 5 calls, want 3", got)
			}
		})
	})

	t.Run("tokens_come_back_one_per_interval", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			l := New(interval, 3)
			allowed(l, 3)
			time.Sleep(interval)
			if got := allowed(l, 3); got != 1 {
				t.Errorf("one interval after emptying, allowed %d of 3 calls, want 1", got)
			}
			time.Sleep(interval + interval/2)
			if got := allowed(l, 3); got != 1 {
				t.Errorf("1.5 intervals later, allowed %d of 3 calls, want 1", got)
			}
			time.Sleep(interval / 2)
			if got := allowed(l, 3); got != 1 {
				t.Errorf("half an interval later (the half kept), allowed %d of 3 calls, want 1", got)
			}
		})
	})

	t.Run("the_bucket_holds_at_most_burst_tokens", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			l := New(interval, 2)
			time.Sleep(10 * interval)
			if got := allowed(l, 5); got != 2 {
				t.Errorf("after ten idle intervals, allowed %d of 5 calls, want 2", got)
			}
		})
	})

	t.Run("wait_returns_when_a_token_comes", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			l := New(interval, 1)
			l.Allow()
			start := time.Now()
			if err := l.Wait(context.Background()); err != nil {
				t.Fatalf("Wait: %v", err)
			}
			if elapsed := time.Since(start); elapsed != interval {
				t.Errorf("Wait on an empty bucket took %v, want %v", elapsed, interval)
			}
		})
	})

	t.Run("waiters_are_spaced_by_the_interval", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			l := New(interval, 1)
			l.Allow()
			start := time.Now()
			var wg sync.WaitGroup
			for range 3 {
				wg.Go(func() { l.Wait(context.Background()) })
			}
			wg.Wait()
			if elapsed := time.Since(start); elapsed != 3*interval {
				t.Errorf("three waiters on an empty bucket took %v, want %v", elapsed, 3*interval)
			}
		})
	})

	t.Run("a_cancelled_wait_takes_no_token", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			l := New(interval, 1)
			l.Allow()
			ctx, cancel := context.WithTimeout(context.Background(), interval/2)
			defer cancel()
			if err := l.Wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("Wait with a deadline before the next token: %v, want the deadline's error", err)
			}
			time.Sleep(interval / 2)
			if !l.Allow() {
				t.Errorf("one interval after emptying, Allow refused: the cancelled Wait took the token")
			}
		})
	})
}
