// Tests of the queue: refusing at once when full, draining on Close.

package main

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// The tests whose jobs sleep, or which wait for time to pass, run in a
// testing/synctest bubble: its clock is fake and moves only when every
// goroutine in the bubble is blocked, so the sleeps take no real time and
// synctest.Wait says when the workers have done all they can.

func sleepFor(ms uint64) Task { return &sleep{MS: &ms} }

func TestSubmitRefusesAtOnceWhenFull(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testSubmitRefusesAtOnceWhenFull)
}

func testSubmitRefusesAtOnceWhenFull(t *testing.T) {
	q := NewQueue(2, 1, DefaultRetention)
	busy, _ := q.Submit("sleep", sleepFor(200))
	synctest.Wait() // the worker has taken the job and sleeps
	if v, _ := q.Status(busy); v.Status != Running {
		t.Fatalf("job %d is %s, want running", busy, v.Status)
	}
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
	t.Parallel()
	synctest.Test(t, testCloseDrainsQueuedJobs)
}

func testCloseDrainsQueuedJobs(t *testing.T) {
	q := NewQueue(4, 1, DefaultRetention)
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

func failWith(n int) Task {
	message := strings.Repeat("x", n)
	return &fail{Message: &message}
}

func TestForgetsTheOldestFinishedJobs(t *testing.T) {
	t.Parallel()
	sleeps := []Task{sleepFor(1), sleepFor(1), sleepFor(1), sleepFor(1)}
	tests := []struct {
		name      string
		retention Retention
		tasks     []Task
		want      []bool
	}{
		{"by count", Retention{2, 1000, time.Hour}, sleeps, []bool{false, false, true, true}},
		{"by bytes", Retention{100, 1000, time.Hour},
			[]Task{failWith(400), failWith(400), failWith(400), failWith(300)}, []bool{false, false, true, true}},
		{"the newest, however big", Retention{100, 1000, time.Hour},
			[]Task{failWith(10), failWith(10), failWith(10), failWith(5000)}, []bool{false, false, false, true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q := NewQueue(8, 1, tc.retention)
			var ids []uint64
			for _, task := range tc.tasks {
				id, _ := q.Submit("test", task)
				ids = append(ids, id)
			}
			q.Close()
			q.Wait()
			var remembered []bool
			for _, id := range ids {
				_, ok := q.Status(id)
				remembered = append(remembered, ok)
			}
			if !slices.Equal(remembered, tc.want) {
				t.Errorf("remembered %v, want %v", remembered, tc.want)
			}
		})
	}
}

func TestForgetsFinishedJobsAfterTheirAge(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testForgetsFinishedJobsAfterTheirAge)
}

func testForgetsFinishedJobsAfterTheirAge(t *testing.T) {
	q := NewQueue(8, 1, Retention{Count: 100, Bytes: 1000, Age: 50 * time.Millisecond})
	id, _ := q.Submit("sleep", sleepFor(1))
	q.Close()
	q.Wait()
	if _, ok := q.Status(id); !ok {
		t.Fatal("a job that just finished is forgotten")
	}
	time.Sleep(100 * time.Millisecond)
	if _, ok := q.Status(id); ok {
		t.Error("a job that finished twice its age ago is still remembered")
	}
}

func TestAPanickingJobFailsAlone(t *testing.T) {
	t.Parallel()
	q := NewQueue(4, 1, DefaultRetention)
	message := "boom"
	bad, _ := q.Submit("panic", &panicking{Message: &message})
	good, _ := q.Submit("sleep", sleepFor(1))
	q.Close()
	q.Wait()
	if v, _ := q.Status(bad); v.Status != Failed || v.Error != "the job panicked: boom" {
		t.Errorf("the panicking job: %+v", v)
	}
	if v, _ := q.Status(good); v.Status != Done {
		t.Errorf("the job after it: %+v", v)
	}
}
