package singleflight

import (
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// The Rust tests of this exercise (../tests/cases.rs) mirror these cases
// one for one, under the same names. Each runs in a synctest bubble, whose
// clock moves only when every goroutine in it is blocked, so a one-second
// call takes no time and every elapsed time is exact.

// slow returns a function that takes a second, counts its calls in calls,
// and returns value and the count.
func slow(calls *atomic.Int32, value string) func() string {
	return func() string {
		time.Sleep(time.Second)
		return value + string(rune('0'+calls.Add(1)))
	}
}

// together runs each of fns on a goroutine of its own and returns their
// results in the order of fns.
func together(fns ...func() string) []string {
	results := make([]string, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Go(func() { results[i] = fn() })
	}
	wg.Wait()
	return results
}

func TestGroup(t *testing.T) {
	t.Run("one_caller_gets_the_value", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			var group Group[string, string]
			var calls atomic.Int32
			if got := group.Do("a", slow(&calls, "a")); got != "a1" {
				t.Errorf(`Do("a") = %q, want "a1"`, got)
			}
		})
	})

	t.Run("concurrent_callers_share_one_call", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			var group Group[string, string]
			var calls atomic.Int32
			start := time.Now()
			do := func() string { return group.Do("a", slow(&calls, "a")) }
			got := together(do, do, do)
			if want := []string{"a1", "a1", "a1"}; !slices.Equal(got, want) || calls.Load() != 1 {
				t.Errorf("three callers got %q with %d calls; want %q with 1", got, calls.Load(), want)
			}
			if elapsed := time.Since(start); elapsed != time.Second {
				t.Errorf("took %v, want 1s", elapsed)
			}
		})
	})

	t.Run("a_caller_arriving_during_the_call_shares_it", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			var group Group[string, string]
			var calls atomic.Int32
			start := time.Now()
			got := together(
				func() string { return group.Do("a", slow(&calls, "a")) },
				func() string {
					time.Sleep(500 * time.Millisecond)
					return group.Do("a", slow(&calls, "a"))
				},
			)
			if want := []string{"a1", "a1"}; !slices.Equal(got, want) || calls.Load() != 1 {
				t.Errorf("got %q with %d calls; want %q with 1", got, calls.Load(), want)
			}
			if elapsed := time.Since(start); elapsed != time.Second {
				t.Errorf("took %v, want 1s", elapsed)
			}
		})
	})

	t.Run("different_keys_run_at_once", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			var group Group[string, string]
			var aCalls, bCalls atomic.Int32
			start := time.Now()
			got := together(
				func() string { return group.Do("a", slow(&aCalls, "a")) },
				func() string { return group.Do("b", slow(&bCalls, "b")) },
			)
			if want := []string{"a1", "b1"}; !slices.Equal(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
			if elapsed := time.Since(start); elapsed != time.Second {
				t.Errorf("took %v, want 1s: the two keys' calls one after the other?", elapsed)
			}
		})
	})

	t.Run("a_later_call_runs_again", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			var group Group[string, string]
			var calls atomic.Int32
			first := group.Do("a", slow(&calls, "a"))
			second := group.Do("a", slow(&calls, "a"))
			if first != "a1" || second != "a2" {
				t.Errorf(`two Do("a") one after the other got %q, %q; want "a1", "a2"`, first, second)
			}
		})
	})
	t.Run("a_panicking_call_lets_a_waiter_run", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			var group Group[string, string]
			var calls atomic.Int32
			fails := func() string {
				time.Sleep(time.Second)
				panic("the call fails")
			}
			var recovered any
			start := time.Now()
			got := together(
				func() string {
					defer func() { recovered = recover() }()
					return group.Do("a", fails)
				},
				func() string {
					time.Sleep(500 * time.Millisecond)
					return group.Do("a", slow(&calls, "a"))
				},
			)
			if recovered == nil {
				t.Error("the panic did not reach the caller whose fn panicked")
			}
			if got[1] != "a1" {
				t.Errorf("the waiter got %q, want %q from its own fn", got[1], "a1")
			}
			if elapsed := time.Since(start); elapsed != 2*time.Second {
				t.Errorf("took %v, want 2s: the failed second, then the waiter's", elapsed)
			}
		})
	})
}
