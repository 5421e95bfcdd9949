// Package supertraits builds an interface from two others by embedding.
// The traits chapter sets it beside Rust supertraits and a blanket impl.
package supertraits

import "errors"

// ANCHOR: interfaces
// Named has a name.
type Named interface {
	Name() string
}

// Closer can be closed.
type Closer interface {
	Close() error
}

// Resource embeds both: any type with both methods satisfies it.
type Resource interface {
	Named
	Closer
}

// Label is what Rust would make a default method: a function over the
// interface, since a Go interface carries no code.
func Label(n Named) string { return "<" + n.Name() + ">" }

// ShutDown closes any resource and says what happened.
func ShutDown(r Resource) string {
	if err := r.Close(); err != nil {
		return Label(r) + ": " + err.Error()
	}
	return "closed " + Label(r)
}

// ANCHOR_END: interfaces

// ANCHOR: database
// Database is a database connection, as far as this example cares.
type Database struct {
	DBName string
	Open   bool
}

// Name returns the database's name.
func (d *Database) Name() string { return d.DBName }

// Close closes the connection, once.
func (d *Database) Close() error {
	if !d.Open {
		return errors.New("already closed")
	}
	d.Open = false
	return nil
}

// ANCHOR_END: database
