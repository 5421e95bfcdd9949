// Package questionmark is the shape of most Go error handling: call,
// check, return the error to the caller. The Rust twin writes the same
// function with the ? operator.
package questionmark

import (
	"strconv"
	"strings"
)

// ANCHOR: total
// Total adds up numbers written one per string, surrounding spaces
// allowed, and stops at the first one that is not a number.
func Total(lines []string) (int64, error) {
	var sum int64
	for _, line := range lines {
		n, err := strconv.ParseInt(strings.TrimSpace(line), 10, 64)
		if err != nil {
			return 0, err
		}
		sum += n
	}
	return sum, nil
}

// ANCHOR_END: total
