package runtimemodel

import (
	"context"
	"os"
	"os/exec"
	"sync/atomic"
	"testing"
	"time"
)

// ANCHOR: steal
// A goroutine starts ten and spins, with no point in its loop where the
// scheduler could stop it, until all ten have run. `go` puts each on the
// spinner's own P (newproc in the runtime's proc.go). With asynchronous
// preemption off, nothing takes the spinner off its P, so the ten run only
// because the other P steals them (stealWork and runqsteal), the last one
// too, from the spinner's runnext slot. GODEBUG is read at start-up, so the
// test runs itself again in a child process with it.
func TestAnIdlePStealsFromABusyOne(t *testing.T) {
	if os.Getenv("STEAL_CHILD") == "1" {
		var ran int32
		for range 10 {
			go atomic.AddInt32(&ran, 1)
		}
		// atomic.LoadInt32, not an atomic.Int32's method: under the race
		// detector the method is an ordinary call, whose stack check lets
		// the scheduler stop the spinner; LoadInt32 has no such check.
		for atomic.LoadInt32(&ran) < 10 {
		}
		return
	}
	// The time limit only turns a hang into a failure.
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	child := exec.CommandContext(ctx, os.Args[0],
		"-test.run=^TestAnIdlePStealsFromABusyOne$")
	child.Env = append(os.Environ(),
		"STEAL_CHILD=1", "GODEBUG=asyncpreemptoff=1", "GOMAXPROCS=2")
	if out, err := child.CombinedOutput(); err != nil {
		t.Fatalf("no other P took the goroutines from the spinner (%v):\n%s", err, out)
	}
}

// ANCHOR_END: steal
