// Package lru is a cache of fixed capacity that forgets the entry used least
// recently when a new one needs room: the Go original of the lru-cache
// exercise, which the reader ports to Rust.
package lru

import (
	"container/list"
	"fmt"
)

// entry is what each element of the recency list holds.
type entry[K comparable, V any] struct {
	key   K
	value V
}

// Cache maps keys to values and holds at most a fixed number of them. A
// Get or a Put makes its key the most recently used.
type Cache[K comparable, V any] struct {
	capacity int
	order    *list.List          // of *entry[K, V], most recent at the front
	items    map[K]*list.Element // each key's element in order
}

// New returns an empty cache that holds at most capacity entries. It
// panics when capacity is less than one.
func New[K comparable, V any](capacity int) *Cache[K, V] {
	if capacity < 1 {
		panic(fmt.Sprintf("lru: capacity %d, want at least 1", capacity))
	}
	return &Cache[K, V]{
		capacity: capacity,
		order:    list.New(),
		items:    make(map[K]*list.Element),
	}
}

// Get returns the value of key and true, making key the most recently used,
// or the zero value and false when the cache does not hold key.
func (c *Cache[K, V]) Get(key K) (V, bool) {
	element, ok := c.items[key]
	if !ok {
		var zero V
		return zero, false
	}
	c.order.MoveToFront(element)
	return element.Value.(*entry[K, V]).value, true
}

// Put sets the value of key and makes it the most recently used. When that
// adds a key to a full cache, the least recently used key is dropped and
// returned, with true; otherwise Put returns the zero key and false.
func (c *Cache[K, V]) Put(key K, value V) (K, bool) {
	if element, ok := c.items[key]; ok {
		element.Value.(*entry[K, V]).value = value
		c.order.MoveToFront(element)
		var zero K
		return zero, false
	}
	c.items[key] = c.order.PushFront(&entry[K, V]{key, value})
	if c.order.Len() <= c.capacity {
		var zero K
		return zero, false
	}
	oldest := c.order.Remove(c.order.Back()).(*entry[K, V])
	delete(c.items, oldest.key)
	return oldest.key, true
}

// Len returns how many entries the cache holds.
func (c *Cache[K, V]) Len() int {
	return c.order.Len()
}

// Keys returns the keys the cache holds, the most recently used first.
func (c *Cache[K, V]) Keys() []K {
	keys := make([]K, 0, c.order.Len())
	for element := c.order.Front(); element != nil; element = element.Next() {
		keys = append(keys, element.Value.(*entry[K, V]).key)
	}
	return keys
}
