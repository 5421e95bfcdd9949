// Package methodcalls shows what Go does at a method call: it takes the
// address of an addressable value for a pointer method and dereferences a
// pointer for a value method, while method sets decide which types satisfy
// an interface. The structs and generics chapter sets it beside Rust's
// auto-ref and auto-deref.
package methodcalls

// ANCHOR: counter
// Counter counts hits. Hit needs a pointer receiver; Hits takes a value
// only to show both kinds (Go's FAQ advises one kind per type).
type Counter struct {
	hits int
}

// Hit adds one hit.
func (c *Counter) Hit() { c.hits++ }

// Hits reads the count.
func (c Counter) Hits() int { return c.hits }

// Hitter is satisfied by *Counter only: Hit is not in Counter's method set.
type Hitter interface {
	Hit()
}

// ANCHOR_END: counter
