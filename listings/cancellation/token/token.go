// Package token stops a group of workers with a cancellable context and
// waits for them with a sync.WaitGroup: the Go side of the "cancellation and
// context" chapter, beside src/main.rs.
package token

import (
	"context"
	"sync"
)

// ANCHOR: worker
// Worker handles jobs until the queue closes or ctx is cancelled, whichever
// comes first, and returns how many it handled.
func Worker(ctx context.Context, jobs <-chan uint32) int {
	handled := 0
	for {
		select {
		case <-ctx.Done():
			return handled
		case _, ok := <-jobs:
			if !ok {
				return handled
			}
			handled++
		}
	}
}

// ANCHOR_END: worker

// ANCHOR: shutdown
// StartAndStop starts count workers, then stops them all and waits until
// every one has returned.
func StartAndStop(count int) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range count {
		jobs := make(chan uint32, 8) // kept open: only ctx can stop the worker
		wg.Go(func() { Worker(ctx, jobs) })
	}
	cancel()
	wg.Wait()
}

// ANCHOR_END: shutdown
