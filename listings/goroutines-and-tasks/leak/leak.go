// Package leak asks several replicas and keeps the first answer, once with a
// goroutine leak and once without: the Go side of "a goroutine that never
// ends" in the "goroutines and tasks" chapter, beside src/main.rs.
package leak

import "fmt"

// ANCHOR: leaky
// FirstAnswerLeaky returns the first replica's answer. The other
// goroutines block forever on the unbuffered send, since nobody will ever
// receive again: each one leaks.
func FirstAnswerLeaky(replicas []string) string {
	answers := make(chan string)
	for _, r := range replicas {
		go func() { answers <- fmt.Sprintf("answer from %s", r) }()
	}
	return <-answers
}

// ANCHOR_END: leaky

// ANCHOR: fixed
// FirstAnswer gives the channel room for every answer, so no send waits and
// every goroutine ends; the unread answers are garbage-collected.
func FirstAnswer(replicas []string) string {
	answers := make(chan string, len(replicas))
	for _, r := range replicas {
		go func() { answers <- fmt.Sprintf("answer from %s", r) }()
	}
	return <-answers
}

// ANCHOR_END: fixed
