package leak

import (
	"io"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"
)

// ANCHOR: tests
// settle calls count until it returns want, and returns the last value it
// saw; the deadline only guards against a hang.
func settle(count func() int, want int) int {
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := count()
		if got == want || time.Now().After(deadline) {
			return got
		}
		runtime.Gosched()
	}
}

// leaked runs a garbage collection that looks for goroutines blocked on a
// channel that no running goroutine can reach, and returns how many it found.
func leaked() int {
	profile := pprof.Lookup("goroutineleak")
	if err := profile.WriteTo(io.Discard, 0); err != nil {
		panic(err)
	}
	return profile.Count()
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
			before, leakedBefore := runtime.NumGoroutine(), leaked()
			if got := tc.first(replicas); got == "" {
				t.Fatal("no answer")
			}
			if got := settle(runtime.NumGoroutine, before+tc.leaked); got != before+tc.leaked {
				t.Errorf("%d goroutines left behind, want %d", got-before, tc.leaked)
			}
			if got := settle(leaked, leakedBefore+tc.leaked); got != leakedBefore+tc.leaked {
				t.Errorf("the goroutineleak profile found %d, want %d", got-leakedBefore, tc.leaked)
			}
		})
	}
}

// ANCHOR_END: tests
