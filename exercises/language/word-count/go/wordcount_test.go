package wordcount

import (
	"maps"
	"slices"
	"testing"
)

// The Rust tests of this exercise (../tests/cases.rs) mirror these cases
// one for one, under the same names.

func TestCount(t *testing.T) {
	cases := []struct {
		name string
		text string
		want map[string]int
	}{
		{"empty_text_has_no_words", "", map[string]int{}},
		{"punctuation_only_has_no_words", " ,.; -- !", map[string]int{}},
		{"words_are_split_on_anything_but_letters_and_digits", "one,two  three\nfour-five", map[string]int{"one": 1, "two": 1, "three": 1, "four": 1, "five": 1}},
		{"case_is_ignored", "Go go GO gopher", map[string]int{"go": 3, "gopher": 1}},
		{"digits_belong_to_words", "http2 and http3 and http2", map[string]int{"http2": 2, "and": 2, "http3": 1}},
		{"letters_beyond_ascii_are_letters", "Café, café! Über über", map[string]int{"café": 2, "über": 2}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Count(tc.text); !maps.Equal(got, tc.want) {
				t.Errorf("Count(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestTop(t *testing.T) {
	counts := map[string]int{"b": 2, "a": 2, "c": 5, "d": 1}
	cases := []struct {
		name string
		n    int
		want []WordCount
	}{
		{"most_frequent_first_ties_alphabetical", 3, []WordCount{{"c", 5}, {"a", 2}, {"b", 2}}},
		{"fewer_words_than_asked", 10, []WordCount{{"c", 5}, {"a", 2}, {"b", 2}, {"d", 1}}},
		{"zero_asked_gives_none", 0, []WordCount{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Top(counts, tc.n); !slices.Equal(got, tc.want) {
				t.Errorf("Top(%v, %d) = %v, want %v", counts, tc.n, got, tc.want)
			}
		})
	}
}
