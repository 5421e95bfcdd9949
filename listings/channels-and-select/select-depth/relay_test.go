package selectdepth

import (
	"slices"
	"testing"
	"testing/synctest"
)

// ANCHOR: test
func TestRelayHoldsAtMostItsRoomAndKeepsTheOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		input, output := make(chan int, 8), make(chan int, 1)
		go Relay(input, output, 2)
		for value := 1; value <= 5; value++ {
			input <- value
		}
		// Once every goroutine of the bubble waits: one value in output,
		// two held, two still queued in input.
		synctest.Wait()
		if n := len(input); n != 2 {
			t.Errorf("%d values still queued, want 2", n)
		}

		close(input)
		var got []int
		for value := range output {
			got = append(got, value)
		}
		if want := []int{1, 2, 3, 4, 5}; !slices.Equal(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
}

// ANCHOR_END: test
