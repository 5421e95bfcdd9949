package runtimemodel

import (
	"testing"
	"testing/synctest"
)

func TestAGoroutineWaitsAtTheGateUntilOpen(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := NewGate()
		passed := make(chan struct{})
		go func() {
			g.Pass()
			close(passed)
		}()
		synctest.Wait() // the goroutine is parked at the gate
		select {
		case <-passed:
			t.Fatal("passed a closed gate")
		default:
		}
		g.Open()
		<-passed
	})
}
