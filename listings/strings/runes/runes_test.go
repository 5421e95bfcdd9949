package runes

import (
	"slices"
	"testing"
)

// ANCHOR: tests
func TestPositions(t *testing.T) {
	cases := []struct {
		in   string
		want []Position
	}{
		{"aé🦀", []Position{{0, 'a'}, {1, 'é'}, {3, '🦀'}}},
		{"a\xffb", []Position{{0, 'a'}, {1, '\uFFFD'}, {2, 'b'}}},
	}
	for _, tc := range cases {
		if got := Positions(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Positions(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestReverse(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"ASCII", "Go", "oG"},
		{"four-byte characters stay whole", "Go🦀", "🦀oG"},
		{"an accent is a rune of its own", "e\u0301", "\u0301e"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Reverse(tc.in); got != tc.want {
				t.Errorf("Reverse(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// ANCHOR_END: tests
