// Tests of package slug from inside it, so unexported names are in reach.
package slug

import "testing"

// ANCHOR: tests
// An internal test (package slug) sees unexported names.
func TestMakesKeys(t *testing.T) {
	cases := []struct{ name, want string }{
		{"Blue Pen", "blue-pen"},
		{"  red_ink ", "red-ink"},
		{"", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Make(tc.name); got != tc.want {
				t.Errorf("Make(%q) = %q, want %q", tc.name, got, tc.want)
			}
		})
	}
	if !isSeparator('_') {
		t.Error("_ is not a separator")
	}
}

// ANCHOR_END: tests
