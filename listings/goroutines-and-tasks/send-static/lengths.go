// Package lengths measures strings on goroutines that capture the caller's
// slices: the Go side of "what a task may take with it" in the "goroutines
// and tasks" chapter, beside src/main.rs.
package lengths

import "sync"

// ANCHOR: lengths
// Lengths measures each name on a goroutine of its own. The closures
// capture names and out by reference, straight from this function's frame;
// wg.Wait is what keeps them from outliving it.
func Lengths(names []string) []int {
	out := make([]int, len(names))
	var wg sync.WaitGroup
	for i := range names {
		wg.Go(func() { out[i] = len(names[i]) })
	}
	wg.Wait()
	return out
}

// ANCHOR_END: lengths
