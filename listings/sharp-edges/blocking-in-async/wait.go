// Package wait is the Go side of "blocking inside async" in the "Sharp
// edges" chapter: the same wait as the Rust listing, which in Go needs no
// special care, because a goroutine blocked on a channel is parked and its
// thread runs other goroutines.
package wait

import (
	"errors"
	"time"
)

// ErrTimeout says the signal did not come within the patience given.
var ErrTimeout = errors.New("timed out waiting for the signal")

// ANCHOR: wait
// WaitInline starts a goroutine that sends a signal and waits for it.
// The receive parks this goroutine, so the sender runs even with
// GOMAXPROCS=1.
func WaitInline(patience time.Duration) error {
	signal := make(chan struct{})
	go func() { signal <- struct{}{} }()
	select {
	case <-signal:
		return nil
	case <-time.After(patience):
		return ErrTimeout
	}
}

// ANCHOR_END: wait
