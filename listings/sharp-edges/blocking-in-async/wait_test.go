package wait

import (
	"runtime"
	"testing"
	"time"
)

// ANCHOR: tests
func TestWaitOnOneThread(t *testing.T) {
	// One P, the nearest Go has to a current_thread runtime.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	if err := WaitInline(10 * time.Second); err != nil {
		t.Fatal(err)
	}
}

// ANCHOR_END: tests
