package selectdepth

import "testing"

// ANCHOR: test
// Go chooses uniformly among the ready cases: expected wins 15,000 each,
// with a standard deviation of about 87; the bounds are 23 deviations away,
// which chance does not reach.
func TestSelectChoosesUniformlyAmongReadyCases(t *testing.T) {
	wins := Tally(30_000)
	for i, low, high := 0, 13_000, 17_000; i < 2; i++ {
		if wins[i] < low || wins[i] > high {
			t.Errorf("case %d won %d times, want %d to %d", i, wins[i], low, high)
		}
	}
	if wins[2] != 0 {
		t.Errorf("the never-ready case won %d times", wins[2])
	}
}

// ANCHOR_END: test
