package grow

import (
	"slices"
	"testing"
)

// ANCHOR: tests
func TestAppendTens(t *testing.T) {
	cases := []struct {
		name     string
		in, want []int
	}{
		{"empty", []int{}, []int{}},
		{"no evens", []int{1, 3}, []int{1, 3}},
		// 20 and 40 are even too, but range never reaches them.
		{"evens are added once, not again", []int{1, 2, 3, 4}, []int{1, 2, 3, 4, 20, 40}},
		{"zero is even", []int{0}, []int{0, 0}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := AppendTens(slices.Clone(tc.in)); !slices.Equal(got, tc.want) {
				t.Errorf("AppendTens(%v) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

// When the backing array has room, append writes into it, past the end of
// the caller's slice: the caller's array changes although its slice did not
// grow.
func TestAppendTensWritesIntoSpareCapacity(t *testing.T) {
	nums := make([]int, 2, 8)
	nums[0], nums[1] = 2, 3
	out := AppendTens(nums)
	if !slices.Equal(out, []int{2, 3, 20}) {
		t.Fatalf("AppendTens = %v", out)
	}
	if len(nums) != 2 || nums[:3][2] != 20 {
		t.Errorf("the caller's array was not shared: nums[:3] = %v", nums[:3])
	}
}

func TestRemoveAndTakeEvens(t *testing.T) {
	cases := []struct {
		name            string
		in, odds, evens []int
	}{
		{"empty", []int{}, []int{}, nil},
		{"mixed keeps order", []int{4, 1, 2, 3}, []int{1, 3}, []int{4, 2}},
		{"all even", []int{2, 4}, []int{}, []int{2, 4}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := RemoveEvens(slices.Clone(tc.in)); !slices.Equal(got, tc.odds) {
				t.Errorf("RemoveEvens(%v) = %v, want %v", tc.in, got, tc.odds)
			}
			evens, odds := TakeEvens(tc.in)
			if !slices.Equal(evens, tc.evens) || !slices.Equal(odds, tc.odds) {
				t.Errorf("TakeEvens(%v) = %v, %v, want %v, %v", tc.in, evens, odds, tc.evens, tc.odds)
			}
		})
	}
}

// ANCHOR_END: tests
