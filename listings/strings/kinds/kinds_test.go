package kinds

import (
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

// ANCHOR: tests
func TestGreetsEveryKindOfString(t *testing.T) {
	built := strings.Repeat("Go", 2)
	cases := []struct {
		name, in, want string
	}{
		{"a literal", "Gopher", "Hello, Gopher!"},
		{"built at run time", built, "Hello, GoGo!"},
		{"part of another", built[:2], "Hello, Go!"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Greeting(tc.in); got != tc.want {
				t.Errorf("Greeting(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestLenCountsBytes(t *testing.T) {
	cases := []struct {
		in           string
		bytes, runes int
	}{
		{"Go", 2, 2},
		{"Grüße", 7, 5},
		{"日本", 6, 2},
		{"🦀", 4, 1},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			if got := len(tc.in); got != tc.bytes {
				t.Errorf("len(%q) = %d, want %d", tc.in, got, tc.bytes)
			}
			if got := utf8.RuneCountInString(tc.in); got != tc.runes {
				t.Errorf("RuneCountInString(%q) = %d, want %d", tc.in, got, tc.runes)
			}
		})
	}
}

func TestASubstringSharesTheBytes(t *testing.T) {
	s := strings.Repeat("Gopher", 2)
	part := s[3:]
	if unsafe.StringData(part) != (*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(s)), 3)) {
		t.Error("s[3:] does not point into s's bytes")
	}
}

// ANCHOR_END: tests
