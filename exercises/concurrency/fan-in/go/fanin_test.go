package fanin

import (
	"context"
	"slices"
	"testing"
	"time"
)

// The Rust tests of this exercise (../tests/cases.rs) mirror these tests
// one for one, under the same names.

// source sends values on a new channel, then closes it.
func source(values ...int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, v := range values {
			ch <- v
		}
	}()
	return ch
}

// drain receives until out is closed, or fails the test after five
// seconds (a bound for a wrong Merge, never reached by a right one).
func drain(t *testing.T, out <-chan int) []int {
	t.Helper()
	var got []int
	deadline := time.After(5 * time.Second)
	for {
		select {
		case v, ok := <-out:
			if !ok {
				return got
			}
			got = append(got, v)
		case <-deadline:
			t.Fatalf("the merged channel was not closed within 5s; received %v", got)
			return nil
		}
	}
}

func TestMerge(t *testing.T) {
	t.Run("every_value_arrives_once", func(t *testing.T) {
		got := drain(t, Merge(context.Background(), source(1, 2, 3), source(10, 20), source(100)))
		slices.Sort(got)
		if want := []int{1, 2, 3, 10, 20, 100}; !slices.Equal(got, want) {
			t.Errorf("merged values, sorted: %v, want %v", got, want)
		}
	})

	t.Run("each_input_keeps_its_order", func(t *testing.T) {
		got := drain(t, Merge(context.Background(), source(1, 2, 3, 4, 5), source(-1, -2, -3)))
		var positive, negative []int
		for _, v := range got {
			if v > 0 {
				positive = append(positive, v)
			} else {
				negative = append(negative, v)
			}
		}
		if !slices.Equal(positive, []int{1, 2, 3, 4, 5}) || !slices.Equal(negative, []int{-1, -2, -3}) {
			t.Errorf("merged %v: each input's values out of their order", got)
		}
	})

	t.Run("no_inputs_closes_at_once", func(t *testing.T) {
		if got := drain(t, Merge[int](context.Background())); len(got) != 0 {
			t.Errorf("Merge() received %v, want nothing", got)
		}
	})

	t.Run("cancelling_closes_the_output", func(t *testing.T) {
		// An input that is never closed: only the cancellation can end
		// the merge.
		forever := make(chan int)
		ctx, cancel := context.WithCancel(context.Background())
		out := Merge(ctx, (<-chan int)(forever), source(7))
		if v := <-out; v != 7 {
			t.Fatalf("first value %d, want 7", v)
		}
		cancel()
		if got := drain(t, out); len(got) != 0 {
			t.Errorf("after cancel received %v, want nothing", got)
		}
	})
}
