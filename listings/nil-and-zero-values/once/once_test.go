package once

import (
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
)

// ANCHOR: tests
func TestStopWords(t *testing.T) {
	cases := []struct {
		word string
		want bool
	}{
		{"the", true}, {"The", true}, {"of", true}, {"gopher", false}, {"", false},
	}
	for _, tc := range cases {
		t.Run(tc.word, func(t *testing.T) {
			if got := IsStopWord(tc.word); got != tc.want {
				t.Errorf("IsStopWord(%q) = %v, want %v", tc.word, got, tc.want)
			}
		})
	}
}

func TestTheInitialiserRunsOnceForManyGoroutines(t *testing.T) {
	var calls atomic.Int32
	get := sync.OnceValue(func() int {
		calls.Add(1)
		return 42
	})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if v := get(); v != 42 {
				t.Errorf("get() = %d", v)
			}
		})
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("the initialiser ran %d times, want 1", n)
	}
}

func TestTheInstanceNameIsFixed(t *testing.T) {
	if got, want := InstanceName(), fmt.Sprintf("worker-%d", os.Getpid()); got != want {
		t.Errorf("InstanceName() = %q, want %q", got, want)
	}
}

// ANCHOR_END: tests
