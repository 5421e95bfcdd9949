package token

import (
	"context"
	"testing"
	"time"
)

func TestAWorkerStopsOnCancelOrWhenTheQueueCloses(t *testing.T) {
	for _, tc := range []struct {
		name   string
		cancel bool
	}{{"cancelled", true}, {"queue closed", false}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			jobs := make(chan uint32) // unbuffered: a send returns once taken
			handled := make(chan int)
			go func() { handled <- Worker(ctx, jobs) }()
			jobs <- 1
			jobs <- 2
			if tc.cancel {
				cancel()
			} else {
				close(jobs)
			}
			select {
			case n := <-handled:
				if n != 2 {
					t.Errorf("handled %d jobs, want 2", n)
				}
			case <-time.After(5 * time.Second): // a hang guard
				t.Fatal("the worker did not stop")
			}
		})
	}
}

func TestStartAndStopReturns(t *testing.T) {
	done := make(chan struct{})
	go func() {
		StartAndStop(4)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second): // a hang guard
		t.Fatal("StartAndStop did not return")
	}
}

// ANCHOR: tree
func TestCancellingAParentCancelsItsChildrenOnlyDownwards(t *testing.T) {
	parent, cancelParent := context.WithCancel(context.Background())
	child, cancelChild := context.WithCancel(parent)
	grandchild, cancelGrandchild := context.WithCancel(child)
	defer cancelGrandchild()
	cancelChild()
	if grandchild.Err() == nil || parent.Err() != nil {
		t.Error("cancelling the child should reach the grandchild only")
	}
	sibling, cancelSibling := context.WithCancel(parent)
	defer cancelSibling()
	cancelParent()
	if sibling.Err() == nil {
		t.Error("cancelling the parent should reach every child")
	}
}

// ANCHOR_END: tree
