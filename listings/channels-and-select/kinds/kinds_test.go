package kinds

import (
	"testing"
	"time"
)

func TestTheStoreAnswersEachQuestionOnItsOwnChannel(t *testing.T) {
	requests := make(chan Get)
	defer close(requests)
	go Store(requests, map[string]uint64{"a": 1, "b": 2})
	cases := []struct {
		key  string
		want Answer
	}{
		{"a", Answer{1, true}},
		{"b", Answer{2, true}},
		{"missing", Answer{0, false}},
	}
	for _, tc := range cases {
		t.Run(tc.key, func(t *testing.T) {
			if got := Ask(requests, tc.key); got != tc.want {
				t.Errorf("Ask(%q) = %+v, want %+v", tc.key, got, tc.want)
			}
		})
	}
}

// ANCHOR: close
// Closing a channel is Go's one built-in broadcast: every goroutine
// waiting on it wakes, however many there are.
func TestClosingWakesEveryWaiter(t *testing.T) {
	const waiters = 100
	done := make(chan struct{})
	woke := make(chan int)
	for i := range waiters {
		go func() {
			<-done
			woke <- i
		}()
	}
	close(done)
	seen := make(map[int]bool)
	hang := time.After(5 * time.Second) // a guard, not a synchronisation
	for len(seen) < waiters {
		select {
		case i := <-woke:
			seen[i] = true
		case <-hang:
			t.Fatalf("only %d of %d waiters woke", len(seen), waiters)
		}
	}
}

// ANCHOR_END: close
