// Package receivers shows value and pointer receivers, and how they decide
// which types satisfy an interface. The traits chapter sets them beside
// Rust's &self, &mut self and self.
package receivers

// ANCHOR: counter
// Counter counts hits on a page.
type Counter struct {
	hits int
}

// Report is what is left when counting is over.
type Report struct {
	Hits int
}

// Hits reads the count; a value receiver gets a copy of the Counter. It
// is a value receiver only to show one: Go's advice is that once one
// method of a type needs a pointer receiver, all of them take one.
func (c Counter) Hits() int { return c.hits }

// Hit changes the count; it needs a pointer receiver.
func (c *Counter) Hit() { c.hits++ }

// Finish returns the report. Nothing stops the caller from hitting the
// counter afterwards.
func (c *Counter) Finish() Report { return Report{Hits: c.hits} }

// ANCHOR_END: counter

// ANCHOR: interface
// Hitter is anything that can be hit. Only *Counter has Hit in its method
// set, so only *Counter satisfies Hitter; a Counter value does not.
type Hitter interface {
	Hit()
}

var _ Hitter = (*Counter)(nil)

// HitTimes hits target n times, whatever it is.
func HitTimes(target Hitter, n int) {
	for range n {
		target.Hit()
	}
}

// ANCHOR_END: interface
