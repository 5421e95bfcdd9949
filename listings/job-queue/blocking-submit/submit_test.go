// Tests that tell the blocking handler from the refusing one.

package blockingsubmit

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/synctest"
	"time"
)

// ANCHOR: tests
// serve runs one request and reports its status on the returned channel.
func serve(h http.HandlerFunc) <-chan int {
	done := make(chan int, 1)
	go func() {
		rec := httptest.NewRecorder()
		h(rec, httptest.NewRequest("POST", "/jobs", nil))
		done <- rec.Code
	}()
	return done
}

func TestSubmitHandlers(t *testing.T) {
	tests := []struct {
		name    string
		handler func(chan<- int) http.HandlerFunc
		// 0: no answer while the queue stays full.
		want int
	}{
		{"select with default", submit, http.StatusTooManyRequests},
		{"plain send", submitWaiting, 0},
	}
	for _, tc := range tests {
		// In synctest's bubble the clock is fake: it jumps ahead once every
		// goroutine of the bubble is blocked, so the second costs nothing.
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				queue := make(chan int, 1)
				queue <- 0 // the queue is now full
				done := serve(tc.handler(queue))
				select {
				case got := <-done:
					if got != tc.want {
						t.Errorf("status = %d, want %d", got, tc.want)
					}
				case <-time.After(time.Second):
					if tc.want != 0 {
						t.Fatalf("no answer within a second, want %d", tc.want)
					}
					<-queue // a worker makes room; the waiting request goes through
					if got := <-done; got != http.StatusAccepted {
						t.Errorf("after room was made: %d, want 202", got)
					}
				}
			})
		})
	}
}

// ANCHOR_END: tests
