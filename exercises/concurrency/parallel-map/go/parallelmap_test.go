package parallelmap

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The Rust tests of this exercise (../tests/cases.rs) mirror these tests
// one for one, under the same names.

func tenTimes(x int) (int, error) { return x * 10, nil }

func TestMap(t *testing.T) {
	t.Run("results_keep_input_order", func(t *testing.T) {
		items := make([]int, 50)
		want := make([]int, 50)
		for i := range items {
			items[i], want[i] = i, i*10
		}
		got, err := Map(items, 4, tenTimes)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("Map(0..50, 4, x*10) = %v, %v; want %v, nil", got, err, want)
		}
	})

	t.Run("empty_input_gives_empty_result", func(t *testing.T) {
		called := false
		got, err := Map([]int{}, 4, func(x int) (int, error) { called = true; return x, nil })
		if err != nil || len(got) != 0 || called {
			t.Errorf("Map([], 4, f) = %v, %v (f called: %v); want [], nil, f not called", got, err, called)
		}
	})

	t.Run("zero_workers_means_one", func(t *testing.T) {
		got, err := Map([]int{1, 2, 3}, 0, tenTimes)
		if err != nil || !slices.Equal(got, []int{10, 20, 30}) {
			t.Errorf("Map([1 2 3], 0, x*10) = %v, %v; want [10 20 30], nil", got, err)
		}
	})

	t.Run("never_more_than_workers_at_once", func(t *testing.T) {
		var running, most atomic.Int64
		f := func(x int) (int, error) {
			now := running.Add(1)
			for seen := most.Load(); now > seen && !most.CompareAndSwap(seen, now); seen = most.Load() {
			}
			time.Sleep(time.Millisecond)
			running.Add(-1)
			return x, nil
		}
		if _, err := Map(make([]int, 30), 3, f); err != nil || most.Load() > 3 {
			t.Errorf("Map(30 items, 3 workers): %d ran at once (err %v); want at most 3", most.Load(), err)
		}
	})

	t.Run("all_workers_run_at_once", func(t *testing.T) {
		// Each call waits until all four have started: with fewer than four
		// running at once, the calls give up after five seconds.
		var mu sync.Mutex
		arrived := 0
		allThere := make(chan struct{})
		f := func(x int) (bool, error) {
			mu.Lock()
			arrived++
			if arrived == 4 {
				close(allThere)
			}
			mu.Unlock()
			select {
			case <-allThere:
				return true, nil
			case <-time.After(5 * time.Second):
				return false, nil
			}
		}
		got, err := Map(make([]int, 4), 4, f)
		if err != nil || !slices.Equal(got, []bool{true, true, true, true}) {
			t.Errorf("Map(4 items, 4 workers): each call saw all four running: %v (err %v); want all true", got, err)
		}
	})

	t.Run("earliest_error_wins_and_every_item_runs", func(t *testing.T) {
		var calls atomic.Int64
		f := func(x int) (int, error) {
			calls.Add(1)
			if x == 7 || x == 3 {
				return 0, fmt.Errorf("bad %d", x)
			}
			return x, nil
		}
		items := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
		got, err := Map(items, 3, f)
		var itemErr *ItemError
		if !errors.As(err, &itemErr) || itemErr.Index != 3 || itemErr.Err.Error() != "bad 3" || got != nil || calls.Load() != 10 {
			t.Errorf("Map(0..10, 3, fail on 3 and 7) = %v, %#v after %d calls; want nil, item 3's error after 10 calls", got, err, calls.Load())
		}
	})
}

func TestItemError(t *testing.T) {
	t.Run("error_message_names_the_item", func(t *testing.T) {
		err := &ItemError{Index: 2, Err: errors.New("disk full")}
		if got, want := err.Error(), "item 2: disk full"; got != want {
			t.Errorf("ItemError{2, disk full}.Error() = %q, want %q", got, want)
		}
	})
}
