// Package dropcosts is the Go side of "what dropping costs" in the
// "cancellation and context" chapter: a write with a deadline that reports
// how far it got, a send in a select that keeps its value, and a handler
// that runs on after its client hangs up.
package dropcosts

import (
	"context"
	"io"
	"net"
	"time"
)

// ANCHOR: write
// WriteRecord writes record to conn, giving up after limit. Write says how
// many bytes went out even when it fails, so the caller can resume at
// record[n:].
func WriteRecord(conn net.Conn, record []byte, limit time.Duration) (int, error) {
	if err := conn.SetWriteDeadline(time.Now().Add(limit)); err != nil {
		return 0, err
	}
	return conn.Write(record)
}

// ANCHOR_END: write

// ANCHOR: safe-points
// WriteRecords writes records until ctx is done, looking at ctx only
// between records, and returns how many went out.
func WriteRecords(ctx context.Context, w io.Writer, records [][]byte) (int, error) {
	written := 0
	for _, record := range records {
		if ctx.Err() != nil {
			break
		}
		if _, err := w.Write(record); err != nil {
			return written, err
		}
		written++
	}
	return written, nil
}

// ANCHOR_END: safe-points
