// Package impltrait shows functions that take and return iter.Seq, Go's
// function type for a sequence. The structs and generics chapter sets them
// beside Rust's impl Trait in argument and return position.
package impltrait

import "iter"

// ANCHOR: seq
// Total adds up what prices yields: a slice's values, a generated
// sequence, anything of type iter.Seq[int].
func Total(prices iter.Seq[int]) int {
	sum := 0
	for p := range prices {
		sum += p
	}
	return sum
}

// Evens yields the even numbers below limit. The caller sees the type
// iter.Seq[int] and calls the function value through it.
func Evens(limit int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for n := 0; n < limit; n += 2 {
			if !yield(n) {
				return
			}
		}
	}
}

// ANCHOR_END: seq
