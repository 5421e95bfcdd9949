// Package conversions turns strings into bytes and back. Both conversions
// copy, and neither checks UTF-8. The strings chapter sets it beside Rust's
// as_bytes, into_bytes and String::from_utf8.
package conversions

import "unicode/utf8"

// ANCHOR: shout
// ShoutASCII upper-cases the ASCII letters of s in a byte copy of it.
func ShoutASCII(s string) string {
	b := []byte(s) // a copy: s itself cannot change
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b) // another copy
}

// ANCHOR_END: shout

// ANCHOR: decode
// Decode returns b as a string, and whether it is valid UTF-8. The
// conversion itself accepts any bytes.
func Decode(b []byte) (string, bool) {
	return string(b), utf8.Valid(b)
}

// ANCHOR_END: decode
