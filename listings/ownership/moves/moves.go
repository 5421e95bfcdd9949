// Package moves shows what assigning and passing a slice does in Go: the
// slice header is copied, the backing array is shared. The ownership
// chapter sets it beside Rust's moves and clones.
package moves

// ANCHOR: shout
// Shout appends "!" to every name, in place, and returns the slice. The
// caller's slice shares its backing array with names, so the caller sees
// the change too.
func Shout(names []string) []string {
	for i := range names {
		names[i] += "!"
	}
	return names
}

// ANCHOR_END: shout
