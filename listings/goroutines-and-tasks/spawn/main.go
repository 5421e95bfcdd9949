// Command spawn runs the same work in goroutines and collects the results:
// the Go side of the "goroutines and tasks" chapter, beside src/main.rs.
package main

import (
	"fmt"
	"sync"
)

// ANCHOR: work
// SumSquares adds up the squares of 1..=n: plain CPU work.
func SumSquares(n uint64) uint64 {
	var sum uint64
	for i := uint64(1); i <= n; i++ {
		sum += i * i
	}
	return sum
}

// ANCHOR_END: work

// ANCHOR: goroutine
// InGoroutine runs SumSquares(n) in a new goroutine. A goroutine returns
// nothing to its starter, so the result travels back over a channel.
func InGoroutine(n uint64) uint64 {
	result := make(chan uint64)
	go func() { result <- SumSquares(n) }()
	return <-result
}

// ANCHOR_END: goroutine

// ANCHOR: join
// Both runs SumSquares for a and b at once and waits for the two.
func Both(a, b uint64) (uint64, uint64) {
	var x, y uint64
	var wg sync.WaitGroup
	wg.Go(func() { x = SumSquares(a) })
	wg.Go(func() { y = SumSquares(b) })
	wg.Wait()
	return x, y
}

// ANCHOR_END: join

func main() {
	small, medium := Both(10, 100)
	fmt.Println(InGoroutine(1_000), small, medium)
}
