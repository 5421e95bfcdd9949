package refs

import (
	"testing"
	"unsafe"
)

// ANCHOR: tests
func TestLonger(t *testing.T) {
	cases := []struct{ name, a, b, want string }{
		{"first is longer", "gopher", "go", "gopher"},
		{"second is longer", "go", "ferris", "ferris"},
		{"a tie keeps the first", "ab", "cd", "ab"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Longer(tc.a, tc.b)
			if got != tc.want {
				t.Fatalf("Longer(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.want)
			}
			// Not a copy: the very bytes of one argument.
			same := unsafe.StringData(got)
			if same != unsafe.StringData(tc.a) && same != unsafe.StringData(tc.b) {
				t.Errorf("Longer copied the bytes")
			}
		})
	}
}

func TestEachNewTallyIsItsOwnValue(t *testing.T) {
	a, b := NewTally("a"), NewTally("a")
	if a == b {
		t.Fatal("two calls returned the same pointer")
	}
	a.Count++
	if a.Count != 1 || b.Count != 0 {
		t.Errorf("a.Count = %d, b.Count = %d, want 1 and 0", a.Count, b.Count)
	}
}

// ANCHOR_END: tests
