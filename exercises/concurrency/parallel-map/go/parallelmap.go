// Package parallelmap applies a function to every item of a slice on a
// bounded number of goroutines, keeping the results in the items' order:
// the Go original of the parallel-map exercise, which the reader ports to
// Rust.
package parallelmap

import (
	"fmt"
	"sync"
)

// ItemError is the error of one item: which one, and what f returned.
type ItemError struct {
	Index int
	Err   error
}

func (e *ItemError) Error() string {
	return fmt.Sprintf("item %d: %v", e.Index, e.Err)
}

func (e *ItemError) Unwrap() error {
	return e.Err
}

// Map calls f on every item, on at most workers goroutines at once (one
// when workers is less than one), and returns the results in the order of
// items. When f fails for some items Map still calls it for every item, and
// returns the error of the earliest failing item as an *ItemError.
func Map[T, U any](items []T, workers int, f func(T) (U, error)) ([]U, error) {
	results := make([]U, len(items))
	errs := make([]error, len(items))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(max(workers, 1), len(items)) {
		wg.Go(func() {
			for i := range next {
				results[i], errs[i] = f(items[i])
			}
		})
	}
	for i := range items {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, &ItemError{Index: i, Err: err}
		}
	}
	return results, nil
}
