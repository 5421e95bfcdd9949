package splitting

import (
	"slices"
	"strings"
	"testing"
)

// ANCHOR: tests
func TestParseHeader(t *testing.T) {
	cases := []struct {
		line, name, value string
		ok                bool
	}{
		{"Content-Type: text/plain", "Content-Type", "text/plain", true},
		{"  Host :example.com  ", "Host", "example.com", true},
		{"Date: Mon, 30 Nov 2026 09:00:00 GMT", "Date", "Mon, 30 Nov 2026 09:00:00 GMT", true},
		{"no colon here", "", "", false},
	}
	for _, tc := range cases {
		name, value, ok := ParseHeader(tc.line)
		if name != tc.name || value != tc.value || ok != tc.ok {
			t.Errorf("ParseHeader(%q) = %q, %q, %v, want %q, %q, %v",
				tc.line, name, value, ok, tc.name, tc.value, tc.ok)
		}
	}
}

func TestTags(t *testing.T) {
	got := Tags(" Go, RUST,,  wasm ,")
	want := []string{"go", "rust", "wasm"}
	if !slices.Equal(got, want) {
		t.Errorf("Tags() = %q, want %q", got, want)
	}
	if joined := strings.Join(got, ", "); joined != "go, rust, wasm" {
		t.Errorf("Join = %q", joined)
	}
}

func TestSplittingEdges(t *testing.T) {
	// A tab, a no-break space (U+00A0) and a next-line control (U+0085).
	got := strings.Fields(" a\tb\u00a0c\u0085d ")
	if want := []string{"a", "b", "c", "d"}; !slices.Equal(got, want) {
		t.Errorf("Fields = %q, want %q", got, want)
	}
	if got := strings.Split("", ","); !slices.Equal(got, []string{""}) {
		t.Errorf(`Split("", ",") = %q, want one empty string`, got)
	}
	lines := slices.Collect(strings.Lines("a\nb\r\nc"))
	if want := []string{"a\n", "b\r\n", "c"}; !slices.Equal(lines, want) {
		t.Errorf("Lines = %q, want %q", lines, want)
	}
}

// ANCHOR_END: tests
