package indexing

import (
	"fmt"
	"strings"
	"testing"
)

// ANCHOR: tests
func TestFirst(t *testing.T) {
	cases := []struct {
		in       string
		wantByte byte
		wantRune rune
	}{
		{"Go", 'G', 'G'},
		{"été", 0xC3, 'é'},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			if got := FirstByte(tc.in); got != tc.wantByte {
				t.Errorf("FirstByte(%q) = %#x, want %#x", tc.in, got, tc.wantByte)
			}
			if got, ok := FirstRune(tc.in); !ok || got != tc.wantRune {
				t.Errorf("FirstRune(%q) = %q, %v, want %q, true", tc.in, got, ok, tc.wantRune)
			}
		})
	}
}

func TestTheEmptyString(t *testing.T) {
	if _, ok := FirstRune(""); ok {
		t.Error(`FirstRune("") reported a rune`)
	}
	defer func() {
		msg := fmt.Sprint(recover())
		if !strings.Contains(msg, "index out of range") {
			t.Errorf("recovered %q, want an index out of range panic", msg)
		}
	}()
	FirstByte("")
	t.Error(`FirstByte("") returned instead of panicking`)
}

// ANCHOR_END: tests
