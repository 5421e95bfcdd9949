// Package printing shows fmt's %v, %+v and %#v on a struct, and the String
// method that %v and %+v call when a type has one. The standard traits
// chapter sets them beside Rust's Debug and Display.
package printing

import "fmt"

// ANCHOR: types
// Server is printed by fmt's reflection: it has no String method.
type Server struct {
	Name string
	Port int
	Tags []string
}

// Point has a String method, so %v, %+v and %s print what it returns.
type Point struct {
	X, Y int
}

func (p Point) String() string {
	return fmt.Sprintf("(%d, %d)", p.X, p.Y)
}

// ANCHOR_END: types
