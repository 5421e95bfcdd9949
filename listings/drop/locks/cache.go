// Package locks holds a cache behind a sync.Mutex, unlocked by hand before
// slow work and by defer at the end. The drop chapter sets it beside Rust,
// where dropping the guard unlocks.
package locks

import "sync"

// ANCHOR: cache
// Cache is a map of loaded values, shared between goroutines.
type Cache struct {
	mu      sync.Mutex
	entries map[string]string
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{entries: make(map[string]string)}
}

// GetOrLoad returns the value for key, calling load without the lock held
// when it is missing.
func (c *Cache) GetOrLoad(key string, load func(string) string) string {
	c.mu.Lock()
	value, ok := c.entries[key]
	c.mu.Unlock() // unlock before the slow part
	if ok {
		return value
	}
	value = load(key)
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[key]; ok {
		return old
	}
	c.entries[key] = value
	return value
}

// ANCHOR_END: cache
