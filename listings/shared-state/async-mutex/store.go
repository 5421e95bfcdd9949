// Package store is the Go side of "locks and .await" in the "shared state"
// chapter, beside src/main.rs. Go lets a goroutine block while holding a
// sync.Mutex, so the same two shapes are a matter of discipline: release the
// lock before the slow call, or hold it on purpose to keep a record whole.
package store

import "sync"

// ANCHOR: scoped
// Counter is an integer guarded by a mutex.
type Counter struct {
	mu sync.Mutex
	n  uint64
}

// BumpAndSave bumps the counter, then saves the new value with the lock
// already released.
func BumpAndSave(c *Counter, sink chan<- uint64) {
	c.mu.Lock()
	c.n++
	value := c.n
	c.mu.Unlock()
	sink <- value // the slow part, done unlocked
}

// ANCHOR_END: scoped

// ANCHOR: held
// Log keeps whole records together.
type Log struct {
	mu   sync.Mutex
	sink chan<- uint64
}

// WriteRecord writes both lines of record while holding the lock, so no
// other record can come between them.
func (l *Log) WriteRecord(record [2]uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, line := range record {
		l.sink <- line // blocks with the lock held, on purpose
	}
}

// ANCHOR_END: held
