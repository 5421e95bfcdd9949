// Package maps shares maps between goroutines: an RWMutex-guarded map for
// data read far more often than written, and sync.Map for counters by key.
// The Go side of "maps" in the "shared state" chapter, beside src/main.rs.
package maps

import (
	"sync"
	"sync/atomic"
)

// ANCHOR: rwmutex
// Settings are read by every request and changed rarely.
type Settings struct {
	mu     sync.RWMutex
	values map[string]string
}

// Get may run in many goroutines at once.
func (s *Settings) Get(key string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.values[key]
	return v, ok
}

// Set waits until it holds the lock alone.
func (s *Settings) Set(key, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.values == nil {
		s.values = make(map[string]string)
	}
	s.values[key] = value
}

// ANCHOR_END: rwmutex

// ANCHOR: syncmap
// Counts holds counters by key in a sync.Map, which is built for keys that
// are written once and then read or updated in place many times.
type Counts struct {
	m sync.Map // string -> *atomic.Uint64
}

// Increment adds one to key's count. Load comes first because a key is
// usually there already; LoadOrStore alone would allocate a counter on
// every call only to throw it away.
func (c *Counts) Increment(key string) {
	counter, ok := c.m.Load(key)
	if !ok {
		counter, _ = c.m.LoadOrStore(key, new(atomic.Uint64))
	}
	counter.(*atomic.Uint64).Add(1)
}

// Get returns key's count.
func (c *Counts) Get(key string) uint64 {
	counter, ok := c.m.Load(key)
	if !ok {
		return 0
	}
	return counter.(*atomic.Uint64).Load()
}

// ANCHOR_END: syncmap
