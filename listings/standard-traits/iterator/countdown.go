// Package iterator writes a countdown as an iter.Seq, the function type Go
// 1.23 made rangeable. The standard traits chapter sets it beside a Rust
// type that implements Iterator.
package iterator

import "iter"

// ANCHOR: countdown
// Countdown yields from, from-1, ..., 1, and stops early when the loop
// body breaks (yield returns false).
func Countdown(from int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for n := from; n > 0; n-- {
			if !yield(n) {
				return
			}
		}
	}
}

// ANCHOR_END: countdown
