package files

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// ANCHOR: tests
func TestWriteReport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.txt")
	if err := WriteReport(path, []string{"gopher", "ferris"}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "gopher\nferris\n" {
		t.Errorf("file = %q, want %q", got, "gopher\nferris\n")
	}
}

func TestFlushReportsTheError(t *testing.T) {
	// Every write to /dev/full fails with "no space left on device".
	err := WriteReport("/dev/full", []string{"lost"})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("WriteReport(/dev/full) = %v, want ENOSPC", err)
	}
}

// ANCHOR_END: tests
