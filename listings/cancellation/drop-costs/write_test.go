package dropcosts

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"testing/synctest"
	"time"
)

const record = "0123456789abcdef0123456789abcdef"

// The peer reads 8 bytes and no more, so the 32-byte record cannot go out
// whole within the second. The deadline runs on the bubble's fake clock.
func TestWriteRecordSaysHowMuchWentOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		near, far := net.Pipe()
		defer near.Close()
		defer far.Close()
		got := make(chan []byte)
		go func() {
			buf := make([]byte, 8)
			n, _ := io.ReadFull(far, buf)
			got <- buf[:n]
		}()
		n, err := WriteRecord(near, []byte(record), time.Second)
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("WriteRecord error = %v, want a deadline", err)
		}
		if n != 8 {
			t.Errorf("WriteRecord wrote %d bytes, want 8", n)
		}
		if peer := string(<-got); peer != record[:n] {
			t.Errorf("peer has %q, want %q", peer, record[:n])
		}
	})
}

// Record 1 has been read and record 2 waits for a reader when ctx is
// cancelled; the writer finishes record 2 and stops before record 3.
func TestWriteRecordsNeverCutsOne(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		records := [][]byte{[]byte("record 1"), []byte("record 2"), []byte("record 3")}
		near, far := net.Pipe()
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		written := make(chan int, 1)
		go func() {
			defer near.Close()
			n, _ := WriteRecords(ctx, near, records)
			written <- n
		}()
		first := make([]byte, 8)
		if _, err := io.ReadFull(far, first); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		cancel()
		rest, err := io.ReadAll(far)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(first) + string(rest); got != "record 1record 2" {
			t.Errorf("peer has %q, want two whole records", got)
		}
		if n := <-written; n != 2 {
			t.Errorf("WriteRecords = %d, want 2", n)
		}
	})
}
