package runtimemodel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// ANCHOR: preempt
// Two goroutines spin, with no function call in their loops, on two Ps;
// a third goroutine still runs, because the scheduler preempts a goroutine
// that has run for 10 ms without stopping. The spinners stop only when it
// has.
func TestSpinningGoroutinesAreTakenOffTheirThreads(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	var tickerRan atomic.Bool
	spinning := make(chan struct{})
	done := make(chan struct{})
	for range 2 {
		go func() {
			spinning <- struct{}{}
			for !tickerRan.Load() {
			}
			done <- struct{}{}
		}()
	}
	<-spinning
	<-spinning
	go tickerRan.Store(true)
	<-done
	<-done
}

// ANCHOR_END: preempt
