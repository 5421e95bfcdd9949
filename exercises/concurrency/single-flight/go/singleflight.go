// Package singleflight lets concurrent callers that ask for the same key
// share one call of the function that computes its value: the Go original
// of the single-flight exercise, which the reader ports to Rust.
package singleflight

import "sync"

// call is one call of fn under way: done is closed once value is set.
type call[V any] struct {
	done  chan struct{}
	value V
}

// Group holds the calls under way, by key. Its zero value is ready to use.
type Group[K comparable, V any] struct {
	mu    sync.Mutex
	calls map[K]*call[V]
}

// Do returns what fn returns. When a call for key is already under way, Do
// does not call fn but waits for that call and returns its value. Once a
// call has returned, the next Do for key calls fn again: nothing is cached.
func (g *Group[K, V]) Do(key K, fn func() V) V {
	g.mu.Lock()
	if c, ok := g.calls[key]; ok {
		g.mu.Unlock()
		<-c.done
		return c.value
	}
	if g.calls == nil {
		g.calls = make(map[K]*call[V])
	}
	c := &call[V]{done: make(chan struct{})}
	g.calls[key] = c
	g.mu.Unlock()

	c.value = fn()
	g.mu.Lock()
	delete(g.calls, key)
	g.mu.Unlock()
	close(c.done)
	return c.value
}
