package iterator

import (
	"slices"
	"testing"
)

// ANCHOR: tests
func TestCountsDownAndStops(t *testing.T) {
	cases := []struct {
		from int
		want []int
	}{
		{3, []int{3, 2, 1}},
		{1, []int{1}},
		{0, nil},
	}
	for _, tc := range cases {
		if got := slices.Collect(Countdown(tc.from)); !slices.Equal(got, tc.want) {
			t.Errorf("Countdown(%d) = %v, want %v", tc.from, got, tc.want)
		}
	}
}

func TestBreakStopsTheSequence(t *testing.T) {
	var seen []int
	for n := range Countdown(10) {
		if n == 8 {
			break
		}
		seen = append(seen, n)
	}
	if !slices.Equal(seen, []int{10, 9}) {
		t.Errorf("seen %v", seen)
	}
}

// ANCHOR_END: tests
