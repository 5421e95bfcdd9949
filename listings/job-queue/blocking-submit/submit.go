// Package blockingsubmit shows the easy bug of a job queue: a send on a
// full buffered channel blocks unless it sits in a select with a default
// case. A handler that blocks stops answering 429 and makes the client
// wait. Two handlers over one bounded channel, and tests that tell them
// apart.
package blockingsubmit

import "net/http"

// ANCHOR: waiting
// submitWaiting is wrong: when the queue is full the send blocks, holding
// the client's request, until a worker makes room.
func submitWaiting(queue chan<- int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		queue <- 1
		w.WriteHeader(http.StatusAccepted)
	}
}

// ANCHOR_END: waiting

// ANCHOR: refusing
// submit is right: select with default never blocks; a full queue is
// answered at once.
func submit(queue chan<- int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		select {
		case queue <- 1:
			w.WriteHeader(http.StatusAccepted)
		default:
			w.WriteHeader(http.StatusTooManyRequests)
		}
	}
}

// ANCHOR_END: refusing
