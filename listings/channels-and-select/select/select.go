// Package selects shows Go's select waiting on a channel or a timer,
// merging two channels until both are closed, and its non-blocking default
// case. The Go side of the select section of the "channels and select"
// chapter, beside src/main.rs.
package selects

import (
	"errors"
	"time"
)

// Errors of RecvTimeout.
var (
	ErrTimeout = errors.New("timed out")
	ErrClosed  = errors.New("channel closed")
)

// ANCHOR: timeout
// RecvTimeout waits up to limit for the next message. Since Go 1.23 the
// garbage collector frees an unreferenced timer even before it fires, so
// time.After does not leak when the message comes first.
func RecvTimeout[T any](messages <-chan T, limit time.Duration) (T, error) {
	select {
	case m, ok := <-messages:
		if !ok {
			return m, ErrClosed
		}
		return m, nil
	case <-time.After(limit):
		var zero T
		return zero, ErrTimeout
	}
}

// ANCHOR_END: timeout

// ANCHOR: merge
// Merge collects every message of both channels, in arrival order, until
// both are closed.
func Merge(a, b <-chan string) []string {
	var out []string
	for a != nil || b != nil {
		select {
		case m, ok := <-a:
			if !ok {
				a = nil // a nil channel is never ready: this case is off
				continue
			}
			out = append(out, m)
		case m, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			out = append(out, m)
		}
	}
	return out
}

// ANCHOR_END: merge

// ANCHOR: default
// Submit queues job if there is room and reports false if not, without
// waiting.
func Submit(queue chan<- string, job string) bool {
	select {
	case queue <- job:
		return true
	default:
		return false
	}
}

// ANCHOR_END: default

// ANCHOR: drain
// Drain takes every message that is already waiting, without waiting for
// more.
func Drain(messages <-chan string) []string {
	var ready []string
	for {
		select {
		case m, ok := <-messages:
			if !ok {
				return ready
			}
			ready = append(ready, m)
		default:
			return ready
		}
	}
}

// ANCHOR_END: drain
