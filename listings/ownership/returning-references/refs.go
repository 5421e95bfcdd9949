// Package refs returns strings and pointers to locals, both of which Go
// allows without annotations. The ownership chapter sets them beside Rust's
// lifetime parameters and owned return values.
package refs

// ANCHOR: longer
// Longer returns the longer of two strings. A Go string is an immutable
// pointer and length, so the result shares its bytes with an argument and
// the garbage collector keeps them alive.
func Longer(a, b string) string {
	if len(b) > len(a) {
		return b
	}
	return a
}

// ANCHOR_END: longer

// ANCHOR: tally
// Tally is a named counter.
type Tally struct {
	Name  string
	Count int
}

// NewTally returns a pointer to a local variable. Escape analysis sees the
// pointer leave the function and allocates t on the heap.
func NewTally(name string) *Tally {
	t := Tally{Name: name}
	return &t
}

// ANCHOR_END: tally
