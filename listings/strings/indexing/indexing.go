// Package indexing reads a string by position: s[i] is a byte, and a
// character takes utf8.DecodeRuneInString. The strings chapter sets it
// beside Rust's as_bytes and chars.
package indexing

import "unicode/utf8"

// ANCHOR: first
// FirstByte returns s[0], a byte. It panics when s is empty.
func FirstByte(s string) byte {
	return s[0]
}

// FirstRune returns the first character of s, or false when s is empty.
func FirstRune(s string) (rune, bool) {
	if s == "" {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r, true
}

// ANCHOR_END: first
