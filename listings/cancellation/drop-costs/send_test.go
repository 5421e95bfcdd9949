package dropcosts

import (
	"testing"
	"testing/synctest"
	"time"
)

// The queue holds one job and job 1 fills it, so job 2 waits a second on
// the bubble's fake clock and is given up, but not lost: the caller still
// has it and offers it again once there is room.
func TestOfferKeepsTheJobOnTimeOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		queue := make(chan Job, 1)
		if !Offer(queue, 1, time.Second) {
			t.Fatal("job 1 was not queued")
		}
		job := Job(2)
		if Offer(queue, job, time.Second) {
			t.Fatal("job 2 was queued into a full queue")
		}
		if got := <-queue; got != 1 {
			t.Errorf("first job = %d, want 1", got)
		}
		if !Offer(queue, job, time.Second) {
			t.Fatal("job 2 was not queued the second time")
		}
		if got := <-queue; got != 2 {
			t.Errorf("second job = %d, want 2", got)
		}
	})
}
