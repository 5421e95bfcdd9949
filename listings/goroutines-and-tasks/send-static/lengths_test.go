package lengths

import (
	"slices"
	"testing"
)

func TestLengths(t *testing.T) {
	cases := []struct {
		name  string
		names []string
		want  []int
	}{
		{"none", nil, []int{}},
		{"one", []string{"ping"}, []int{4}},
		{"several", []string{"a", "", "three"}, []int{1, 0, 5}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Lengths(tc.names); !slices.Equal(got, tc.want) {
				t.Errorf("Lengths(%q) = %v, want %v", tc.names, got, tc.want)
			}
		})
	}
}
