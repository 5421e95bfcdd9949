package forrange

import (
	"slices"
	"testing"
)

// ANCHOR: tests
func TestSlices(t *testing.T) {
	if got := Cheapest([]uint32{250, 120, 300, 120}); got != 1 {
		t.Errorf("Cheapest = %d, want 1", got)
	}
	if got := Cheapest(nil); got != -1 {
		t.Errorf("Cheapest(nil) = %d, want -1", got)
	}
	prices := []uint32{250, 120}
	Discount(prices, 10)
	if !slices.Equal(prices, []uint32{225, 108}) {
		t.Errorf("Discount: %v", prices)
	}
	if got := Labels(prices); !slices.Equal(got, []string{"225 cents", "108 cents"}) {
		t.Errorf("Labels = %q", got)
	}
}

func TestMapsChannelsAndIntegers(t *testing.T) {
	stock := map[string]uint32{"pear": 2, "apple": 5}
	if got := StockLines(stock); !slices.Equal(got, []string{"apple: 5", "pear: 2"}) {
		t.Errorf("StockLines = %q", got)
	}

	messages := make(chan string)
	go func() {
		defer close(messages) // without it, Drain waits forever
		for _, word := range []string{"one", "two"} {
			messages <- word
		}
	}()
	if got := Drain(messages); !slices.Equal(got, []string{"one", "two"}) {
		t.Errorf("Drain = %q", got)
	}

	if got := Countdown(3); !slices.Equal(got, []int{3, 2, 1}) {
		t.Errorf("Countdown(3) = %v", got)
	}
	if got := Countdown(0); len(got) != 0 {
		t.Errorf("Countdown(0) = %v", got)
	}
}

// ANCHOR_END: tests
