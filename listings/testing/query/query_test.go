package query

import (
	"reflect"
	"testing"
)

// ANCHOR: table
func TestParse(t *testing.T) {
	cases := []struct {
		name, query string
		want        []Pair
	}{
		{"empty", "", nil},
		{"one pair", "a=1", []Pair{{"a", "1"}}},
		{"keeps order", "b=2&a=1", []Pair{{"b", "2"}, {"a", "1"}}},
		{"plus is space", "q=two+words", []Pair{{"q", "two words"}}},
		{"percent escapes", "c=%C3%A9", []Pair{{"c", "é"}}},
		{"key without value", "flag", []Pair{{"flag", ""}}},
		{"skips empty segments", "a=1&&b=2&", []Pair{{"a", "1"}, {"b", "2"}}},
		{"only first equals splits", "k=a=b", []Pair{{"k", "a=b"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.query)
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Parse(%q) = %q, %v; want %q", tc.query, got, err, tc.want)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	cases := []struct{ name, query, want string }{
		{"truncated escape", "a=%4", "bad percent escape at byte 2"},
		{"not hex", "a=1&b=%zz", "bad percent escape at byte 6"},
		{"escape before multibyte", "a=%é", "bad percent escape at byte 2"},
		{"escape cut by multibyte", "a=%1é", "bad percent escape at byte 2"},
		{"invalid utf8", "a=1&b=%FF", "pair 1 is not UTF-8 once decoded"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.query)
			if err == nil || err.Error() != tc.want {
				t.Errorf("Parse(%q) error = %v, want %q", tc.query, err, tc.want)
			}
		})
	}
}

// ANCHOR_END: table

func TestFormatEscapesWhatParseWouldMisread(t *testing.T) {
	in := []Pair{{"a b", "x&y=z"}, {"é", "100%"}}
	if got, want := Format(in), "a+b=x%26y%3Dz&%C3%A9=100%25"; got != want {
		t.Fatalf("Format = %q, want %q", got, want)
	}
	if back, err := Parse(Format(in)); err != nil || !reflect.DeepEqual(back, in) {
		t.Errorf("round trip = %q, %v", back, err)
	}
}

// ANCHOR: bench
// benchQuery is the same input as the Rust benchmark.
const benchQuery = "q=rust+for+gophers&page=2&limit=50&sort=-created&tag=%C3%A9t%C3%A9"

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := Parse(benchQuery); err != nil {
			b.Fatal(err)
		}
	}
}

// ANCHOR_END: bench
