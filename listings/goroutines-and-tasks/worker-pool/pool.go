// Package pool runs a fixed number of workers over one queue of jobs and
// waits for them on a sync.WaitGroup: the Go side of the worker pool in the
// "goroutines and tasks" chapter, beside src/main.rs.
package pool

import "sync"

// CollatzSteps returns how many steps the Collatz sequence from n takes to
// reach 1: a small, uneven piece of work.
func CollatzSteps(n uint64) uint64 {
	var steps uint64
	for n > 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		steps++
	}
	return steps
}

// ANCHOR: pool
type answer struct{ job, steps uint64 }

// Pool runs CollatzSteps for every job on the given number of goroutines and
// returns the answers by job.
func Pool(jobs []uint64, workers int) map[uint64]uint64 {
	queue := make(chan uint64, workers)
	answers := make(chan answer)

	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for n := range queue { // ends when queue is closed and empty
				answers <- answer{n, CollatzSteps(n)}
			}
		})
	}

	go func() {
		for _, n := range jobs {
			queue <- n
		}
		close(queue)
	}()
	// Close answers once every worker has returned, which ends the loop
	// below; waiting here instead would deadlock on the unread answers.
	go func() {
		wg.Wait()
		close(answers)
	}()

	result := make(map[uint64]uint64, len(jobs))
	for a := range answers {
		result[a.job] = a.steps
	}
	return result
}

// ANCHOR_END: pool
