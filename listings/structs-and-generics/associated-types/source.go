// Package associatedtypes shows a generic interface, Source[T], and functions over
// it with constraints. The structs and generics chapter sets it beside a
// Rust trait with an associated type, trait bounds and a where clause.
package associatedtypes

import "cmp"

// ANCHOR: source
// Source yields values one at a time until it runs out. The type of the
// values is a type parameter of the interface.
type Source[T any] interface {
	Next() (T, bool)
}

// Countdown yields n, n-1, ..., 1.
type Countdown struct{ n int }

// Next yields the next number.
func (c *Countdown) Next() (int, bool) {
	if c.n == 0 {
		return 0, false
	}
	c.n--
	return c.n + 1, true
}

// Words yields the words it holds, in order.
type Words struct{ words []string }

// Next yields the next word.
func (w *Words) Next() (string, bool) {
	if len(w.words) == 0 {
		return "", false
	}
	first := w.words[0]
	w.words = w.words[1:]
	return first, true
}

// ANCHOR_END: source

// ANCHOR: functions
// Drain collects everything s yields. T names the item type, and the
// caller's Source[T] must agree with it.
func Drain[T any](s Source[T]) []T {
	var all []T
	for v, ok := s.Next(); ok; v, ok = s.Next() {
		all = append(all, v)
	}
	return all
}

// Largest returns the largest value s yields, and false if it yields none.
func Largest[T cmp.Ordered](s Source[T]) (T, bool) {
	best, ok := s.Next()
	if !ok {
		return best, false
	}
	for v, ok := s.Next(); ok; v, ok = s.Next() {
		best = max(best, v)
	}
	return best, true
}

// ANCHOR_END: functions
