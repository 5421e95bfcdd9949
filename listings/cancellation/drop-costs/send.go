package dropcosts

import "time"

// Job is a job, compared by its number in the tests.
type Job int

// ANCHOR: send
// Offer offers job to the queue for patience. When the time runs out, the
// send case is not chosen, nothing is sent, and the caller still has job.
func Offer(queue chan<- Job, job Job, patience time.Duration) bool {
	select {
	case queue <- job:
		return true
	case <-time.After(patience):
		return false
	}
}

// ANCHOR_END: send
