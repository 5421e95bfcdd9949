// Package boundaries cuts strings at byte offsets. A Go slice expression
// may cut a character in two, and the result is not valid UTF-8. The
// strings chapter sets it beside Rust, where such a slice panics.
package boundaries

import "unicode/utf8"

// ANCHOR: truncate
// Truncate returns the longest prefix of s that fits in n bytes without
// cutting a character in two.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// ANCHOR_END: truncate
