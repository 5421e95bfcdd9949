// Package cpuwork is the Go side of "CPU work" in the "goroutines and
// tasks" chapter: a computation split over one goroutine per P, and a
// result handed back on a channel. Go needs no second pool for either: the
// scheduler preempts a goroutine that computes for long, so the others run.
package cpuwork

import (
	"runtime"
	"sync"
)

// Steps is how many steps the Collatz sequence takes from n down to 1: a
// small computation whose cost varies from one number to the next.
func Steps(n uint64) uint64 {
	var count uint64
	for n > 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		count++
	}
	return count
}

// TotalStepsSequential is TotalSteps, one number after another.
func TotalStepsSequential(numbers []uint64) uint64 {
	var total uint64
	for _, n := range numbers {
		total += Steps(n)
	}
	return total
}

// ANCHOR: par-iter
// TotalSteps adds up the steps of every number on GOMAXPROCS goroutines,
// each given one chunk of the slice and its own slot for the sum.
func TotalSteps(numbers []uint64) uint64 {
	workers := runtime.GOMAXPROCS(0)
	size := (len(numbers) + workers - 1) / workers
	sums := make([]uint64, workers)
	var wg sync.WaitGroup
	for i := range workers {
		start, end := min(i*size, len(numbers)), min((i+1)*size, len(numbers))
		wg.Go(func() { sums[i] = TotalStepsSequential(numbers[start:end]) })
	}
	wg.Wait()
	var total uint64
	for _, sum := range sums {
		total += sum
	}
	return total
}

// ANCHOR_END: par-iter

// ANCHOR: on-rayon
// InBackground runs work on a goroutine of its own and returns the channel
// its result will come on.
func InBackground[T any](work func() T) <-chan T {
	result := make(chan T, 1) // buffered: the goroutine never waits to send
	go func() { result <- work() }()
	return result
}

// ANCHOR_END: on-rayon
