package moves

import (
	"slices"
	"testing"
)

// ANCHOR: tests
func TestShoutSharesTheBackingArray(t *testing.T) {
	names := []string{"ana", "bo"}
	before := slices.Clone(names) // an explicit copy, like Rust's clone
	loud := Shout(names)
	if !slices.Equal(loud, []string{"ana!", "bo!"}) {
		t.Fatalf("Shout = %q", loud)
	}
	// The caller's slice changed as well: both headers point at one array.
	if !slices.Equal(names, loud) || &names[0] != &loud[0] {
		t.Errorf("names = %q, want it to alias the result", names)
	}
	if !slices.Equal(before, []string{"ana", "bo"}) {
		t.Errorf("the clone changed: %q", before)
	}
}

func TestShoutingACloneLeavesTheOriginalAlone(t *testing.T) {
	cases := []struct {
		name     string
		in, want []string
	}{
		{"no names", []string{}, []string{}},
		{"one name", []string{"ana"}, []string{"ana!"}},
		{"two names", []string{"ana", "bo"}, []string{"ana!", "bo!"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			original := slices.Clone(tc.in)
			if got := Shout(slices.Clone(original)); !slices.Equal(got, tc.want) {
				t.Errorf("Shout(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if !slices.Equal(original, tc.in) {
				t.Errorf("the original changed: %q", original)
			}
		})
	}
}

// ANCHOR_END: tests
