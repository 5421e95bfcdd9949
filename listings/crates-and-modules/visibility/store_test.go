// An external test package: like a Rust integration test, it sees only
// what visibility exports.
package visibility_test

import (
	"testing"

	"example.com/gotorust/crates-and-modules/visibility"
)

// ANCHOR: tests
func TestCountsThroughThePublicAPI(t *testing.T) {
	var store visibility.Store
	cases := []struct{ name, key string }{
		{"Blue Pen", "blue-pen"},
		{"blue  pen", "blue-pen"},
		{"Red_Ink", "red-ink"},
	}
	for _, tc := range cases {
		if got := store.Add(tc.name); got != tc.key {
			t.Errorf("Add(%q) = %q, want %q", tc.name, got, tc.key)
		}
	}
	if got := store.Count("BLUE PEN"); got != 2 {
		t.Errorf("Count(BLUE PEN) = %d, want 2", got)
	}
	if got := store.Count("green"); got != 0 {
		t.Errorf("Count(green) = %d, want 0", got)
	}
}

// ANCHOR_END: tests
