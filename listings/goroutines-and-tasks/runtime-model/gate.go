// Package runtimemodel is the Go side of "the runtime model" in the
// "goroutines and tasks" chapter: a gate that goroutines wait at, where the
// channel does what a Rust future and its waker do by hand, and spinning
// goroutines that the scheduler preempts.
package runtimemodel

import "sync"

// ANCHOR: gate
// Gate is closed until Open is called. A goroutine that waits at it is
// parked on the channel; closing the channel makes every one runnable.
type Gate struct {
	once sync.Once
	open chan struct{}
}

// NewGate returns a closed gate.
func NewGate() *Gate { return &Gate{open: make(chan struct{})} }

// Open opens the gate and wakes every goroutine waiting at it.
func (g *Gate) Open() { g.once.Do(func() { close(g.open) }) }

// Pass returns once the gate is open.
func (g *Gate) Pass() { <-g.open }

// ANCHOR_END: gate
