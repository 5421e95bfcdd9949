package leak

import (
	"runtime"
	"testing"
	"time"
)

// ANCHOR: tests
// settle waits until runtime.NumGoroutine() equals want, and returns the
// last count it saw; the deadline only guards against a hang.
func settle(want int) int {
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := runtime.NumGoroutine()
		if got == want || time.Now().After(deadline) {
			return got
		}
		runtime.Gosched()
	}
}

func TestGoroutineCounts(t *testing.T) {
	cases := []struct {
		name   string
		first  func([]string) string
		leaked int
	}{
		{"unbuffered channel leaks the losers", FirstAnswerLeaky, 4},
		{"buffered channel lets them finish", FirstAnswer, 0},
	}
	replicas := []string{"r0", "r1", "r2", "r3", "r4"}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			if got := tc.first(replicas); got == "" {
				t.Fatal("no answer")
			}
			if got := settle(before + tc.leaked); got != before+tc.leaked {
				t.Errorf("%d goroutines left behind, want %d", got-before, tc.leaked)
			}
		})
	}
}

// ANCHOR_END: tests
