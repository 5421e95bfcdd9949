package vectors

import (
	"slices"
	"testing"
)

// ANCHOR: tests
func TestSliceFunctions(t *testing.T) {
	xs := []int{1, 2, 3, 4}
	if got := Sum(xs[1:3]); got != 5 {
		t.Errorf("Sum(xs[1:3]) = %d, want 5", got)
	}
	Scale(xs[:2], 10) // changes the first two elements of xs itself
	if want := []int{10, 20, 3, 4}; !slices.Equal(xs, want) {
		t.Errorf("after Scale: %v, want %v", xs, want)
	}
	if got := Evens(xs); !slices.Equal(got, []int{10, 20, 4}) {
		t.Errorf("Evens = %v", got)
	}
}

func TestAnArrayIsAValue(t *testing.T) {
	a := [4]int{1, 2, 3, 4}
	b := a // copies the four elements
	b[0] = 99
	if a[0] != 1 || b[0] != 99 {
		t.Errorf("a[0], b[0] = %d, %d, want 1, 99: two arrays", a[0], b[0])
	}
	if got := Sum(a[:]); got != 10 { // a slice of the array
		t.Errorf("Sum(a[:]) = %d, want 10", got)
	}
}

// ANCHOR_END: tests
