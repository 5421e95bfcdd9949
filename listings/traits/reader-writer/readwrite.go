// Package readwrite uses io.Reader and io.Writer: a function that counts
// the lines of any reader, and a writer that wraps another. The traits
// chapter sets them beside std::io::Read and Write.
package readwrite

import (
	"bufio"
	"io"
)

// ANCHOR: count-lines
// CountLines counts the lines r yields: a file, a connection, a string.
func CountLines(r io.Reader) (int, error) {
	sc := bufio.NewScanner(r)
	count := 0
	for sc.Scan() {
		count++
	}
	return count, sc.Err()
}

// ANCHOR_END: count-lines

// ANCHOR: upper-writer
// UpperWriter upper-cases ASCII letters on their way to W.
type UpperWriter struct {
	W io.Writer
}

func (u UpperWriter) Write(p []byte) (int, error) {
	upper := make([]byte, len(p))
	for i, b := range p {
		if 'a' <= b && b <= 'z' {
			b -= 'a' - 'A'
		}
		upper[i] = b
	}
	return u.W.Write(upper)
}

// ANCHOR_END: upper-writer
