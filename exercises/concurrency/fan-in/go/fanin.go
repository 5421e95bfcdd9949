// Package fanin merges several channels into one, and stops early when a
// context is cancelled: the Go original of the fan-in exercise, which the
// reader ports to Rust.
package fanin

import (
	"context"
	"sync"
)

// Merge returns a channel that receives every value sent on inputs, in the
// order each arrives, and is closed once every input is closed or ctx is
// done, whichever comes first. After ctx is done Merge stops reading its
// inputs, so its goroutines end even when an input is never closed.
func Merge[T any](ctx context.Context, inputs ...<-chan T) <-chan T {
	out := make(chan T)
	var wg sync.WaitGroup
	for _, input := range inputs {
		wg.Go(func() {
			for {
				select {
				case <-ctx.Done():
					return
				case value, ok := <-input:
					if !ok {
						return
					}
					select {
					case out <- value:
					case <-ctx.Done():
						return
					}
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}
