// Package bounded runs many jobs with at most a few at a time, first with a
// channel as a semaphore, then with errgroup, where the first error cancels
// the rest: the Go side of "bounding concurrency" in the "goroutines and
// tasks" chapter, beside src/main.rs.
package bounded

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

// ANCHOR: semaphore
// Run calls work on every job, at most limit at a time. The buffered
// channel is the semaphore: a send takes a slot, and waits while all limit
// slots are taken; a receive gives one back.
func Run(jobs []int, limit int, work func(int) int) []int {
	out := make([]int, len(jobs))
	slots := make(chan struct{}, limit)
	var wg sync.WaitGroup
	for i, job := range jobs {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			out[i] = work(job)
		})
	}
	wg.Wait()
	return out
}

// ANCHOR_END: semaphore

// ANCHOR: errgroup
// RunAll calls work on every job, at most limit at a time, and returns the
// first error. The group cancels ctx when a job fails; the jobs must watch
// it, and Wait still waits for each of them to return.
func RunAll(
	ctx context.Context, jobs []int, limit int, work func(context.Context, int) error,
) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	for _, job := range jobs {
		g.Go(func() error { return work(ctx, job) })
	}
	return g.Wait()
}

// ANCHOR_END: errgroup
