// Package backoff yields retry delays as an iter.Seq, the Go 1.23 form of
// an iterator. The closures-and-iterators chapter sets it beside a Rust
// type that implements Iterator.
package backoff

import (
	"iter"
	"time"
)

// ANCHOR: backoff
// Backoff yields retry delays: first, then twice the previous one, never
// above max. The sequence has no end; it stops when the loop does.
func Backoff(first, max time.Duration) iter.Seq[time.Duration] {
	return func(yield func(time.Duration) bool) {
		for delay := first; ; delay = min(delay*2, max) {
			if !yield(delay) {
				return
			}
		}
	}
}

// ANCHOR_END: backoff
