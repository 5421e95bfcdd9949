// Package runes walks a string one character at a time with for range,
// which yields byte offsets and runes. The strings chapter sets it beside
// Rust's char_indices and chars.
package runes

import "slices"

// ANCHOR: positions
// Position is one character of a string and the byte offset where it starts.
type Position struct {
	Offset int
	Rune   rune
}

// Positions lists the characters of s with their byte offsets. A byte that
// is not valid UTF-8 comes out as U+FFFD, and the loop moves on one byte.
func Positions(s string) []Position {
	var out []Position
	for i, r := range s {
		out = append(out, Position{i, r})
	}
	return out
}

// ANCHOR_END: positions

// ANCHOR: reverse
// Reverse reverses s one rune (code point) at a time.
func Reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

// ANCHOR_END: reverse
