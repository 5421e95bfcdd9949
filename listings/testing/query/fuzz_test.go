package query

import (
	"slices"
	"testing"
)

// ANCHOR: fuzz
// FuzzParse runs its seeds as an ordinary test under go test; with
// go test -fuzz=FuzzParse -fuzztime=10s it also mutates them, guided by
// coverage, and saves any failing input under testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{"a=1&b=2", "q=two+words", "c=%C3%A9", "a=%4", "a=%é", "a=%1é", "b=%FF", "&&="} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, query string) {
		pairs, err := Parse(query) // must not panic, whatever the bytes
		if err != nil {
			return
		}
		again, err := Parse(Format(pairs))
		if err != nil || !slices.Equal(again, pairs) {
			t.Fatalf("round trip of %q: got %q, %v; want %q", query, again, err, pairs)
		}
	})
}

// ANCHOR_END: fuzz
