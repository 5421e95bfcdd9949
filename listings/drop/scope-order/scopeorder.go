// Package scopeorder shows when deferred calls run: when the surrounding
// function returns, last deferred first. The drop chapter sets it beside
// Rust, where a value is dropped at the end of its block.
package scopeorder

import "fmt"

func record(log *[]string, line string) {
	*log = append(*log, line)
}

// ANCHOR: order
// OpenThree defers three calls; they run in reverse order on return.
func OpenThree(log *[]string) {
	defer record(log, "drop a")
	defer record(log, "drop b")
	defer record(log, "drop c")
	record(log, "return")
}

// ANCHOR_END: order

// ANCHOR: each_iteration
// EachIteration defers inside a loop: every call waits for the function
// to return, not for the iteration to end.
func EachIteration(log *[]string) {
	for i := range 3 {
		defer record(log, fmt.Sprintf("drop item %d", i))
		record(log, fmt.Sprintf("use item %d", i))
	}
	record(log, "return")
}

// ANCHOR_END: each_iteration
