// Package shapes has two shapes behind one interface, and functions over
// any mix of them: the Go original of the shapes exercise, which the reader
// ports to Rust.
package shapes

import (
	"fmt"
	"math"
)

// Shape is what every shape can say about itself; fmt.Stringer prints it.
type Shape interface {
	fmt.Stringer
	Area() float64
	Perimeter() float64
}

// Circle is a circle of radius R.
type Circle struct{ R float64 }

func (c Circle) Area() float64      { return math.Pi * c.R * c.R }
func (c Circle) Perimeter() float64 { return 2 * math.Pi * c.R }
func (c Circle) String() string     { return fmt.Sprintf("circle(r=%g)", c.R) }

// Rect is a rectangle W wide and H high.
type Rect struct{ W, H float64 }

func (r Rect) Area() float64      { return r.W * r.H }
func (r Rect) Perimeter() float64 { return 2 * (r.W + r.H) }
func (r Rect) String() string     { return fmt.Sprintf("rect(%gx%g)", r.W, r.H) }

// Largest returns the shape with the largest area, the first of them when
// several tie, and false when there are no shapes.
func Largest(shapes []Shape) (Shape, bool) {
	if len(shapes) == 0 {
		return nil, false
	}
	largest := shapes[0]
	for _, s := range shapes[1:] {
		if s.Area() > largest.Area() {
			largest = s
		}
	}
	return largest, true
}

// TotalArea is the sum of the shapes' areas.
func TotalArea(shapes []Shape) float64 {
	total := 0.0
	for _, s := range shapes {
		total += s.Area()
	}
	return total
}
