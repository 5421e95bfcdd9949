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
// A goroutine starts ten and spins, with no function call in its loop,
// until all ten have run. `go` puts each on the spinner's own P (newproc in
// Go 1.27.3's runtime/proc.go, line 5341). With asynchronous preemption
// off, nothing takes the spinner off its P, so the ten run only because the
// other P steals them (stealWork, line 3843; runqsteal, line 3898), the
// last one too, from the spinner's runnext slot. The settings are read at
// start-up, so the test runs itself again in a child process with them.
func TestAnIdlePStealsFromABusyOne(t *testing.T) {
	if os.Getenv("STEAL_CHILD") == "1" {
		var ran int32
		for range 10 {
			go atomic.AddInt32(&ran, 1)
		}
		// atomic.LoadInt32, not an atomic.Int32's method, which under the
		// race detector is a function call, where the spinner can stop.
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
