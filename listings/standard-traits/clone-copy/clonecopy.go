// Package clonecopy shows what Go's assignment copies: every field of a
// struct, and for a slice field only the slice header, so the two structs
// share one backing array. The standard traits chapter sets this beside
// Rust's Clone, Copy and Default.
package clonecopy

import "slices"

// ANCHOR: order
// Order holds a slice: assigning an Order copies the header, not the items.
type Order struct {
	ID      int
	Items   []string
	Express bool
}

// Clone copies the items too, as Rust's derived Clone does.
func (o Order) Clone() Order {
	o.Items = slices.Clone(o.Items)
	return o
}

// Point holds two numbers: assignment copies all of it.
type Point struct {
	X, Y int
}

// ANCHOR_END: order
