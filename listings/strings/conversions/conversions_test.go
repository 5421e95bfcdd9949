package conversions

import (
	"strings"
	"testing"
)

// ANCHOR: tests
func TestShoutASCII(t *testing.T) {
	cases := []struct{ in, want string }{
		{"go", "GO"},
		{"café", "CAFé"}, // only ASCII letters change
	}
	for _, tc := range cases {
		if got := ShoutASCII(tc.in); got != tc.want {
			t.Errorf("ShoutASCII(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestConversionsCopy(t *testing.T) {
	s := "gopher"
	b := []byte(s)
	b[0] = 'G'
	if s != "gopher" {
		t.Errorf("changing []byte(s) changed s to %q", s)
	}
	back := string(b)
	b[1] = 'O'
	if back != "Gopher" {
		t.Errorf("changing b changed string(b) to %q", back)
	}
}

func TestDecodeAcceptsAnyBytes(t *testing.T) {
	s, ok := Decode([]byte{'c', 'a', 'f', 0xE9}) // é in Latin-1, not UTF-8
	if ok || len(s) != 4 {
		t.Errorf("Decode = %q (%d bytes), %v; want 4 bytes, false", s, len(s), ok)
	}
	if got := strings.ToValidUTF8(s, "\uFFFD"); got != "caf\uFFFD" {
		t.Errorf("ToValidUTF8 = %q", got)
	}
}

// ANCHOR_END: tests
