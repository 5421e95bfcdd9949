package borrowing

import (
	"slices"
	"testing"
)

// ANCHOR: tests
func TestOffsets(t *testing.T) {
	cases := []struct {
		name     string
		in, want []int
	}{
		{"empty", []int{}, []int{}},
		{"one", []int{5}, []int{0}},
		{"three", []int{5, 7, 9}, []int{0, 2, 4}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dst := make([]int, len(tc.in))
			Offsets(dst, tc.in)
			if !slices.Equal(dst, tc.want) {
				t.Errorf("Offsets(dst, %v) = %v, want %v", tc.in, dst, tc.want)
			}
		})
	}
}

// Passing one slice as both arguments compiles, and gives a wrong answer:
// the first write sets src[0] to 0, so later elements subtract 0.
func TestOffsetsWithAliasedArguments(t *testing.T) {
	xs := []int{5, 7, 9}
	Offsets(xs, xs)
	if want := []int{0, 7, 9}; !slices.Equal(xs, want) {
		t.Errorf("Offsets(xs, xs) = %v, want the aliased result %v", xs, want)
	}
}

// ANCHOR_END: tests
