package heartbeat

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// waitForMore waits, up to a generous deadline, until beats is above than.
func waitForMore(t *testing.T, beats *atomic.Int64, than int64) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for beats.Load() <= than {
		if time.Now().After(deadline) {
			t.Fatalf("beats stayed at %d", beats.Load())
		}
		time.Sleep(time.Millisecond)
	}
}

// ANCHOR: tests
func TestTheLeakedGoroutineKeepsRunning(t *testing.T) {
	var beats atomic.Int64
	StartHeartbeat(&beats) // returns at once
	waitForMore(t, &beats, 0)
	earlier := beats.Load()
	waitForMore(t, &beats, earlier)
	// The goroutine is still running, and will be until the test binary
	// exits: that is the leak.
}

func TestCancellingTheContextStopsTheGoroutine(t *testing.T) {
	var beats atomic.Int64
	ctx, cancel := context.WithCancel(context.Background())
	done := StartHeartbeatCtx(ctx, &beats)
	waitForMore(t, &beats, 0)

	cancel()
	<-done // the goroutine has returned
	stopped := beats.Load()
	time.Sleep(50 * time.Millisecond)
	if got := beats.Load(); got != stopped {
		t.Errorf("beats went from %d to %d after the goroutine returned", stopped, got)
	}
}

// ANCHOR_END: tests
