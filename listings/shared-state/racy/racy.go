// Package racy counts with several goroutines at once: once with a data
// race, which the race detector reports, and three ways without one. The Go
// side of the "shared state" chapter, beside src/main.rs.
package racy

import (
	"sync"
	"sync/atomic"
)

// ANCHOR: racy
// CountRacy has workers goroutines each add 1 to count, each times, with
// no synchronisation: a data race. It compiles and passes go vet; only the
// race detector, at run time, notices.
func CountRacy(workers, each int) int {
	count := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				count++
			}
		})
	}
	wg.Wait()
	return count
}

// ANCHOR_END: racy

// ANCHOR: mutex
// CountMutex guards count with a mutex.
func CountMutex(workers, each int) int {
	var mu sync.Mutex
	count := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				mu.Lock()
				count++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return count
}

// ANCHOR_END: mutex

// ANCHOR: atomic
// CountAtomic makes each increment a single atomic operation.
func CountAtomic(workers, each int) int {
	var count atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				count.Add(1)
			}
		})
	}
	wg.Wait()
	return int(count.Load())
}

// ANCHOR_END: atomic

// ANCHOR: channel
// CountChannel shares nothing: each goroutine counts on its own and sends
// its total.
func CountChannel(workers, each int) int {
	totals := make(chan int)
	for range workers {
		go func() {
			local := 0
			for range each {
				local++
			}
			totals <- local
		}()
	}
	count := 0
	for range workers {
		count += <-totals
	}
	return count
}

// ANCHOR_END: channel
