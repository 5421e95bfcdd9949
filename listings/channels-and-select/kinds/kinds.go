// Package kinds shows the Go idiom behind tokio's oneshot channel: a reply
// channel sent along with each request. Its test shows the other idiom, a
// closed channel waking every waiter at once. The Go side of "one channel
// per job" in the "channels and select" chapter, beside src/main.rs.
package kinds

// ANCHOR: reply
// Get is a question for the store goroutine, with the channel its answer
// goes back on.
type Get struct {
	Key   string
	Reply chan<- Answer
}

// Answer is a value and whether the key was present.
type Answer struct {
	Value uint64
	OK    bool
}

// Store owns the map; other goroutines reach it only through requests.
func Store(requests <-chan Get, data map[string]uint64) {
	for req := range requests {
		v, ok := data[req.Key]
		req.Reply <- Answer{v, ok} // buffered: never blocks the store
	}
}

// Ask asks the store for key.
func Ask(requests chan<- Get, key string) Answer {
	reply := make(chan Answer, 1)
	requests <- Get{key, reply}
	return <-reply
}

// ANCHOR_END: reply
