// Package pipeline runs a three-stage pipeline, numbers → squares → sum.
// The stages end because each one closes its output when done: the Go side
// of "closing a channel" in the "channels and select" chapter, beside
// src/main.rs.
package pipeline

// ANCHOR: pipeline
// generate sends 1..=n on a new channel and closes it.
func generate(n uint64) <-chan uint64 {
	out := make(chan uint64)
	go func() {
		defer close(out)
		for i := uint64(1); i <= n; i++ {
			out <- i
		}
	}()
	return out
}

// square squares every number until its input is closed and drained.
func square(in <-chan uint64) <-chan uint64 {
	out := make(chan uint64)
	go func() {
		defer close(out)
		for i := range in {
			out <- i * i
		}
	}()
	return out
}

// SumOfSquares sums 1² + … + n² through the pipeline.
func SumOfSquares(n uint64) uint64 {
	var sum uint64
	for s := range square(generate(n)) { // ends when square closes
		sum += s
	}
	return sum
}

// ANCHOR_END: pipeline
