// Package heartbeat shows a goroutine nobody stops: StartHeartbeat returns
// at once and its goroutine runs until the program exits. The "Sharp edges"
// chapter sets it beside a detached tokio task; the fix in both languages
// is an owner that can stop it, here a context and a done channel.
package heartbeat

import (
	"context"
	"sync/atomic"
	"time"
)

// ANCHOR: leak
// StartHeartbeat bumps beats every 10 ms, forever. Nothing can stop the
// goroutine: it is leaked the moment this function returns.
func StartHeartbeat(beats *atomic.Int64) {
	go func() {
		for {
			beats.Add(1)
			time.Sleep(10 * time.Millisecond)
		}
	}()
}

// ANCHOR_END: leak

// ANCHOR: owned
// StartHeartbeatCtx runs the heartbeat until ctx is cancelled, and closes
// the returned channel when the goroutine has returned, so the caller can
// wait for it.
func StartHeartbeatCtx(ctx context.Context, beats *atomic.Int64) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		ticker := time.NewTicker(10 * time.Millisecond)
		defer ticker.Stop()
		for {
			beats.Add(1)
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
			}
		}
	}()
	return done
}

// ANCHOR_END: owned
