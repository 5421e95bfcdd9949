// Package closures holds Go closures beside the Rust ones of the
// closures-and-iterators chapter. A Go closure shares the variables it
// uses with the function that made it.
package closures

// ANCHOR: kinds
// Greeter returns a function that greets by name.
func Greeter(greeting string) func(string) string {
	return func(name string) string {
		return greeting + ", " + name + "!"
	}
}

// Counter returns a function that counts its calls.
func Counter() func() int {
	count := 0
	return func() int {
		count++
		return count
	}
}

// Sender returns a function that sends report on out.
func Sender(report []string, out chan<- []string) func() {
	return func() { out <- report }
}

// ANCHOR_END: kinds

// ANCHOR: retry
// Retry calls op until it succeeds, at most attempts times.
func Retry[T any](attempts int, op func() (T, error)) (T, error) {
	value, err := op()
	for i := 1; i < attempts && err != nil; i++ {
		value, err = op()
	}
	return value, err
}

// ANCHOR_END: retry

// ANCHOR: spawn
// CountElsewhere counts the words on another goroutine.
func CountElsewhere(words []string) int {
	result := make(chan int)
	go func() { result <- len(words) }()
	return <-result
}

// ANCHOR_END: spawn
