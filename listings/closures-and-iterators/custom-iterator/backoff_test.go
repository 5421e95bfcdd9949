package backoff

import (
	"slices"
	"testing"
	"time"
)

// ANCHOR: tests
func TestDelaysDoubleUpToTheCap(t *testing.T) {
	cases := []struct {
		first, max time.Duration
		want       []time.Duration
	}{
		{100, 1000, []time.Duration{100, 200, 400, 800, 1000, 1000}},
		{300, 500, []time.Duration{300, 500, 500}},
	}
	for _, tc := range cases {
		var got []time.Duration
		for delay := range Backoff(tc.first*time.Millisecond, tc.max*time.Millisecond) {
			got = append(got, delay/time.Millisecond)
			if len(got) == len(tc.want) {
				break // yield returns false, and Backoff returns
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Backoff(%d, %d) = %v, want %v", tc.first, tc.max, got, tc.want)
		}
	}
}

// ANCHOR_END: tests
