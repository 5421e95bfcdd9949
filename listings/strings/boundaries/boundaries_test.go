package boundaries

import (
	"testing"
	"unicode/utf8"
)

// ANCHOR: split
func TestASliceCanCutACharacterInTwo(t *testing.T) {
	s := "héllo" // 'é' is bytes 1 and 2
	cut := s[:2]
	if cut != "h\xc3" {
		t.Errorf("s[:2] = %q, want %q", cut, "h\xc3")
	}
	if utf8.ValidString(cut) {
		t.Errorf("s[:2] = %q is valid UTF-8, want half a character", cut)
	}
}

// ANCHOR_END: split

// ANCHOR: tests
func TestTruncate(t *testing.T) {
	cases := []struct {
		in   string
		n    int
		want string
	}{
		{"héllo", 1, "h"},
		{"héllo", 2, "h"},
		{"héllo", 3, "hé"},
		{"🦀🦀", 5, "🦀"},
		{"short", 10, "short"},
	}
	for _, tc := range cases {
		if got := Truncate(tc.in, tc.n); got != tc.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

// ANCHOR_END: tests
