// Package singleflight lets concurrent callers that ask for the same key
// share one call of the function that computes its value: the Go original
// of the single-flight exercise, which the reader ports to Rust.
package singleflight

import "sync"

// call is one call of fn under way: done is closed once it has ended, and
// ok says whether fn returned value or panicked.
type call[V any] struct {
	done  chan struct{}
	value V
	ok    bool
}

// Group holds the calls under way, by key. Its zero value is ready to use.
type Group[K comparable, V any] struct {
	mu    sync.Mutex
	calls map[K]*call[V]
}

// Do returns what fn returns. When a call for key is already under way, Do
// does not call fn but waits for that call and returns its value. Once a
// call has returned, the next Do for key calls fn again: nothing is cached.
// If fn panics, the panic is its caller's, and the callers that waited on
// that call start over, so one of them calls its own fn.
func (g *Group[K, V]) Do(key K, fn func() V) V {
	g.mu.Lock()
	for {
		c, ok := g.calls[key]
		if !ok {
			break
		}
		g.mu.Unlock()
		<-c.done
		if c.ok {
			return c.value
		}
		g.mu.Lock()
	}
	if g.calls == nil {
		g.calls = make(map[K]*call[V])
	}
	c := &call[V]{done: make(chan struct{})}
	g.calls[key] = c
	g.mu.Unlock()

	// Deferred, so a panicking fn still ends its call: otherwise the key
	// would stay in the map and every later caller would wait forever.
	defer func() {
		g.mu.Lock()
		delete(g.calls, key)
		g.mu.Unlock()
		close(c.done)
	}()
	c.value = fn()
	c.ok = true
	return c.value
}
