package leak

import (
	"io"
	"runtime"
	"runtime/pprof"
	"strings"
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

// alive counts the goroutines still running the closure that fn starts,
// from a dump of every goroutine's stack. runtime.NumGoroutine would also
// count the test runner's own goroutines, which come and go meanwhile.
func alive(fn string) int {
	var stacks strings.Builder
	if err := pprof.Lookup("goroutine").WriteTo(&stacks, 2); err != nil {
		panic(err)
	}
	return strings.Count(stacks.String(), "leak."+fn+".func1(")
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
		fn     string
		first  func([]string) string
		leaked int
	}{
		{"unbuffered channel leaks the losers", "FirstAnswerLeaky", FirstAnswerLeaky, 4},
		{"buffered channel lets them finish", "FirstAnswer", FirstAnswer, 0},
	}
	replicas := []string{"r0", "r1", "r2", "r3", "r4"}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before, leakedBefore := alive(tc.fn), leaked()
			if got := tc.first(replicas); got == "" {
				t.Fatal("no answer")
			}
			running := func() int { return alive(tc.fn) }
			if got := settle(running, before+tc.leaked); got != before+tc.leaked {
				t.Errorf("%d goroutines left behind, want %d", got-before, tc.leaked)
			}
			if got := settle(leaked, leakedBefore+tc.leaked); got != leakedBefore+tc.leaked {
				t.Errorf("the goroutineleak profile found %d, want %d", got-leakedBefore, tc.leaked)
			}
		})
	}
}

// ANCHOR_END: tests
