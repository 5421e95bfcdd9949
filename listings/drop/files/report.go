// Package files writes a report through a buffered writer and returns the
// errors of Flush and Close. The drop chapter sets it beside Rust, where
// dropping a writer flushes and closes it but cannot report an error.
package files

import (
	"bufio"
	"fmt"
	"os"
)

// ANCHOR: write_report
// WriteReport writes one line per entry to path.
func WriteReport(path string, lines []string) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	out := bufio.NewWriter(f)
	for _, line := range lines {
		if _, err := fmt.Fprintln(out, line); err != nil {
			return err
		}
	}
	return out.Flush() // the last write fails here
}

// ANCHOR_END: write_report
