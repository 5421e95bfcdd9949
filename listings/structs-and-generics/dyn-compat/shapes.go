// Package shapes shows that every Go interface can be held as a value: a
// method that returns a copy returns the interface type, and an interface
// method cannot have type parameters. The structs and generics chapter
// sets it beside a dyn-compatible Rust trait.
package shapes

import (
	"fmt"
	"io"
)

// ANCHOR: shape
// Shape is anything with an area that can be scaled.
type Shape interface {
	Area() float64
	// Scaled returns a copy, as an interface value: its concrete type is
	// the receiver's, but the signature cannot say so.
	Scaled(factor float64) Shape
}

// Square is a Shape.
type Square struct{ Side float64 }

// Area is the side squared.
func (s Square) Area() float64 { return s.Side * s.Side }

// Scaled returns a Square, as a Shape.
func (s Square) Scaled(factor float64) Shape { return Square{s.Side * factor} }

// Circle is a Shape.
type Circle struct{ Radius float64 }

// Area is 3 times the radius squared, to keep the numbers round.
func (c Circle) Area() float64 { return 3 * c.Radius * c.Radius }

// Scaled returns a Circle, as a Shape.
func (c Circle) Scaled(factor float64) Shape { return Circle{c.Radius * factor} }

// TotalArea adds up the areas of shapes of any types.
func TotalArea(shapes []Shape) float64 {
	total := 0.0
	for _, s := range shapes {
		total += s.Area()
	}
	return total
}

// Report writes a shape's area to w, an interface value too.
func Report(w io.Writer, s Shape) error {
	_, err := fmt.Fprintf(w, "area %.1f", s.Area())
	return err
}

// ANCHOR_END: shape
