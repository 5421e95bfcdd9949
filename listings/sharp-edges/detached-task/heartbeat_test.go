package heartbeat

import (
	"context"
	"sync/atomic"
	"testing"
	"testing/synctest"
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
// This test runs on the real clock: synctest.Test waits for every
// goroutine it started to return, and this one never does.
func TestTheLeakedGoroutineKeepsRunning(t *testing.T) {
	var beats atomic.Int64
	StartHeartbeat(&beats) // returns at once
	waitForMore(t, &beats, 0)
	earlier := beats.Load()
	waitForMore(t, &beats, earlier)
	// The goroutine is still running, and will be until the test binary
	// exits: that is the leak.
}

// In a synctest bubble the clock is fake: it moves only when every
// goroutine of the bubble is blocked, so the counts are exact and the
// sleeps take no real time.
func TestCancellingTheContextStopsTheGoroutine(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var beats atomic.Int64
		ctx, cancel := context.WithCancel(t.Context())
		done := StartHeartbeatCtx(ctx, &beats)
		time.Sleep(25 * time.Millisecond)
		if got := beats.Load(); got != 3 {
			t.Errorf("beats = %d after 25 ms, want 3 (at 0, 10 and 20 ms)", got)
		}

		cancel()
		<-done // the goroutine has returned
		stopped := beats.Load()
		time.Sleep(time.Second)
		if got := beats.Load(); got != stopped {
			t.Errorf("beats went from %d to %d after the goroutine returned", stopped, got)
		}
	})
}

// ANCHOR_END: tests
