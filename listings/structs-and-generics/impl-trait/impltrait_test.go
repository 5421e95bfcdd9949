package impltrait

import (
	"iter"
	"maps"
	"slices"
	"testing"
)

// ANCHOR: tests
func TestTotal(t *testing.T) {
	cases := []struct {
		name   string
		prices iter.Seq[int]
		want   int
	}{
		{"a slice's values", slices.Values([]int{3, 4}), 7},
		{"a map's values", maps.Values(map[string]int{"a": 5}), 5},
		{"a returned sequence", Evens(7), 2 + 4 + 6},
	}
	for _, tc := range cases {
		if got := Total(tc.prices); got != tc.want {
			t.Errorf("%s: total %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestEvensStopsWhenTheLoopDoes(t *testing.T) {
	var seen []int
	for n := range Evens(100) {
		if n > 4 {
			break
		}
		seen = append(seen, n)
	}
	if !slices.Equal(seen, []int{0, 2, 4}) {
		t.Errorf("seen %v", seen)
	}
}

// ANCHOR_END: tests
