// Package backpressure sends messages faster than they are received. Every
// Go channel has a fixed buffer, so a send on a full one waits: the
// producer goes at the receiver's pace. The Rust side, src/lib.rs, shows
// tokio's unbounded channel as well, which never makes a sender wait.
package backpressure

// MessageBytes is the size of one message; each is a buffer of its own.
const MessageBytes = 1024

// ANCHOR: bounded
// Produce sends n messages on ch. Once ch's buffer is full, each send
// waits until the receiver takes a message.
func Produce(ch chan<- []byte, n int) {
	for range n {
		ch <- make([]byte, MessageBytes)
	}
}

// ANCHOR_END: bounded

// ANCHOR: detached
// ProduceDetached never waits: it starts a goroutine for each send. The
// waiting has only moved: each blocked goroutine holds its message and
// its stack, so memory grows with every message the receiver has not
// taken, as in an unbounded queue.
func ProduceDetached(ch chan<- []byte, n int) {
	for range n {
		go func() { ch <- make([]byte, MessageBytes) }()
	}
}

// ANCHOR_END: detached
