package pipeline

import "testing"

func TestSumOfSquares(t *testing.T) {
	cases := []struct {
		name    string
		n, want uint64
	}{
		{"empty", 0, 0},
		{"one", 1, 1},
		{"ten", 10, 385},
		{"hundred", 100, 338_350},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := SumOfSquares(tc.n); got != tc.want {
				t.Errorf("SumOfSquares(%d) = %d, want %d", tc.n, got, tc.want)
			}
		})
	}
}

// ANCHOR: closed
func TestReceivingFromAClosedChannelDrainsThenGivesZero(t *testing.T) {
	ch := make(chan int, 4)
	ch <- 1
	ch <- 2
	close(ch)
	for _, want := range []struct {
		v  int
		ok bool
	}{{1, true}, {2, true}, {0, false}} {
		if v, ok := <-ch; v != want.v || ok != want.ok {
			t.Errorf("<-ch = %d, %t; want %d, %t", v, ok, want.v, want.ok)
		}
	}
}

// ANCHOR_END: closed
