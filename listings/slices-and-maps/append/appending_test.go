package appending

import (
	"slices"
	"testing"
)

// ANCHOR: tests
func TestAppendSharesTheBackingArray(t *testing.T) {
	base := make([]string, 0, 4) // room for two more
	base = append(base, "home", "gopher")

	docs := WithSuffix(base, "docs")
	music := WithSuffix(base, "music") // writes into the same element

	if want := []string{"home", "gopher", "music"}; !slices.Equal(docs, want) {
		t.Errorf("docs = %q, want %q: the second append overwrote it", docs, want)
	}
	if &docs[2] != &music[2] {
		t.Error("docs and music do not share a backing array")
	}
}

func TestClipGivesEachResultItsOwnArray(t *testing.T) {
	base := make([]string, 0, 4)
	base = append(base, "home", "gopher")

	docs := WithSuffixCopy(base, "docs")
	music := WithSuffixCopy(base, "music")

	if want := []string{"home", "gopher", "docs"}; !slices.Equal(docs, want) {
		t.Errorf("docs = %q, want %q", docs, want)
	}
	if &docs[0] == &music[0] || &docs[0] == &base[:1][0] {
		t.Error("WithSuffixCopy shared a backing array")
	}
}

// ANCHOR_END: tests
