package shapes

import (
	"math"
	"testing"
)

// The Rust tests of this exercise (../tests/cases.rs) mirror these tests
// one for one, under the same names.

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestShapes(t *testing.T) {
	t.Run("circle_area_and_perimeter", func(t *testing.T) {
		c := Circle{R: 2}
		if !near(c.Area(), 4*math.Pi) || !near(c.Perimeter(), 4*math.Pi) {
			t.Errorf("%v: area %v, perimeter %v; want 4π and 4π", c, c.Area(), c.Perimeter())
		}
	})
	t.Run("rect_area_and_perimeter", func(t *testing.T) {
		r := Rect{W: 3, H: 4}
		if !near(r.Area(), 12) || !near(r.Perimeter(), 14) {
			t.Errorf("%v: area %v, perimeter %v; want 12 and 14", r, r.Area(), r.Perimeter())
		}
	})
	t.Run("shapes_print_like_their_go_stringers", func(t *testing.T) {
		for _, tc := range []struct {
			shape Shape
			want  string
		}{{Circle{R: 1.5}, "circle(r=1.5)"}, {Rect{W: 2, H: 3}, "rect(2x3)"}, {Rect{W: 0.25, H: 10}, "rect(0.25x10)"}} {
			if got := tc.shape.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		}
	})
	t.Run("largest_has_the_most_area", func(t *testing.T) {
		got, ok := Largest([]Shape{Rect{W: 1, H: 1}, Circle{R: 1}, Rect{W: 2, H: 2}})
		if !ok || got.String() != "rect(2x2)" {
			t.Errorf("Largest = %v, %v; want rect(2x2), true", got, ok)
		}
	})
	t.Run("largest_of_a_tie_is_the_first", func(t *testing.T) {
		got, ok := Largest([]Shape{Rect{W: 2, H: 2}, Rect{W: 1, H: 4}})
		if !ok || got.String() != "rect(2x2)" {
			t.Errorf("Largest = %v, %v; want rect(2x2), true", got, ok)
		}
	})
	t.Run("largest_of_none_is_none", func(t *testing.T) {
		if got, ok := Largest(nil); ok {
			t.Errorf("Largest(nil) = %v, true; want false", got)
		}
	})
	t.Run("total_area_adds_up", func(t *testing.T) {
		if got := TotalArea([]Shape{Rect{W: 1, H: 2}, Rect{W: 3, H: 1}}); !near(got, 5) {
			t.Errorf("TotalArea = %v, want 5", got)
		}
	})
}
