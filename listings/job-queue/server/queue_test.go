// Tests of the queue: refusing at once when full, draining on Close.

package main

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func sleepFor(ms uint64) Task { return &sleep{MS: &ms} }

// untilRunning waits for a worker to take job id, at most a few seconds.
func untilRunning(t *testing.T, q *Queue, id uint64) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if v, _ := q.Status(id); v.Status == Running {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %d never ran", id)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestSubmitRefusesAtOnceWhenFull(t *testing.T) {
	q := NewQueue(2, 1)
	busy, _ := q.Submit("sleep", sleepFor(200))
	untilRunning(t, q, busy)
	for range 2 {
		if _, err := q.Submit("sleep", sleepFor(1)); err != nil {
			t.Fatalf("Submit with room: %v", err)
		}
	}
	if _, err := q.Submit("sleep", sleepFor(1)); !errors.Is(err, ErrFull) {
		t.Fatalf("Submit to a full queue: %v, want ErrFull", err)
	}
	if _, ok := q.Status(4); ok {
		t.Error("a refused job leaves no trace")
	}
	s := q.Stats()
	if s.QueueDepth != 2 || s.Accepted != 3 || s.Rejected != 1 {
		t.Errorf("Stats() = %+v", s)
	}
	q.Close()
	q.Wait()
}

func TestCloseDrainsQueuedJobs(t *testing.T) {
	q := NewQueue(4, 1)
	var ids []uint64
	for range 3 {
		id, err := q.Submit("sleep", sleepFor(10))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	q.Close()
	if _, err := q.Submit("sleep", sleepFor(1)); !errors.Is(err, ErrClosed) {
		t.Errorf("Submit after Close: %v, want ErrClosed", err)
	}
	q.Wait()
	for _, id := range ids {
		if v, _ := q.Status(id); v.Status != Done {
			t.Errorf("job %d is %s after the drain", id, v.Status)
		}
	}
}

func TestForgetsTheOldestFinishedJobs(t *testing.T) {
	q := newQueueKeeping(8, 1, 2)
	var ids []uint64
	for range 4 {
		id, _ := q.Submit("sleep", sleepFor(1))
		ids = append(ids, id)
	}
	q.Close()
	q.Wait()
	var remembered []bool
	for _, id := range ids {
		_, ok := q.Status(id)
		remembered = append(remembered, ok)
	}
	if want := []bool{false, false, true, true}; !slices.Equal(remembered, want) {
		t.Errorf("remembered %v, want %v", remembered, want)
	}
}
