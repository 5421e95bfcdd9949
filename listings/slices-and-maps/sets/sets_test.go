package sets

import (
	"slices"
	"testing"
)

// ANCHOR: tests
func TestUnique(t *testing.T) {
	got := Unique([]string{"go", "rust", "go", "c", "rust"})
	if want := []string{"go", "rust", "c"}; !slices.Equal(got, want) {
		t.Errorf("Unique = %q, want %q", got, want)
	}
}

func TestCommon(t *testing.T) {
	cases := []struct {
		name string
		a, b []string
		want []string
	}{
		{"some shared", []string{"go", "rust", "c", "go"}, []string{"zig", "rust", "go"},
			[]string{"go", "rust"}},
		{"none shared", []string{"go"}, []string{"rust"}, []string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Common(tc.a, tc.b); !slices.Equal(got, tc.want) {
				t.Errorf("Common = %q, want %q", got, tc.want)
			}
		})
	}
}

// ANCHOR_END: tests
