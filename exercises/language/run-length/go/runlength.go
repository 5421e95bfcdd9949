// Package runlength encodes text as runs of one character, "aaab" as
// "3a1b", and decodes it again: the Go original of the run-length
// exercise, which the reader ports to Rust.
package runlength

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

var (
	// ErrDigit: a digit cannot be encoded, as it would read as a count.
	ErrDigit = errors.New("cannot encode a digit")
	// ErrMissingCount: a character with no count before it.
	ErrMissingCount = errors.New("missing count")
	// ErrTrailingCount: a count at the end, with no character after it.
	ErrTrailingCount = errors.New("count without a character at the end")
)

// Encode writes each run of one character (a rune, not a byte) as the
// run's length in decimal followed by the character.
func Encode(text string) (string, error) {
	var out strings.Builder
	runes := []rune(text)
	for i := 0; i < len(runes); {
		r := runes[i]
		if unicode.IsDigit(r) {
			return "", fmt.Errorf("%w: %q", ErrDigit, r)
		}
		n := 1
		for i+n < len(runes) && runes[i+n] == r {
			n++
		}
		fmt.Fprintf(&out, "%d%c", n, r)
		i += n
	}
	return out.String(), nil
}

// Decode reverses Encode: a count of one or more digits, then the
// character to repeat that many times.
func Decode(encoded string) (string, error) {
	var out strings.Builder
	count := ""
	for _, r := range encoded {
		if unicode.IsDigit(r) {
			count += string(r)
			continue
		}
		n, err := strconv.Atoi(count)
		if err != nil {
			return "", fmt.Errorf("%w before %q", ErrMissingCount, r)
		}
		out.WriteString(strings.Repeat(string(r), n))
		count = ""
	}
	if count != "" {
		return "", ErrTrailingCount
	}
	return out.String(), nil
}
