// Package wordcount counts the words of a text and ranks them: the Go
// original of the word-count exercise, which the reader ports to Rust.
package wordcount

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// WordCount is one word and how often it occurs.
type WordCount struct {
	Word  string
	Count int
}

// Count returns how often each word occurs in text. A word is a run of
// letters and digits; everything else separates words. Words are counted
// in lower case, so "Go" and "go" are one word.
func Count(text string) map[string]int {
	counts := make(map[string]int)
	isSeparator := func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}
	for _, word := range strings.FieldsFunc(text, isSeparator) {
		counts[strings.ToLower(word)]++
	}
	return counts
}

// Top returns the n most frequent words of counts, most frequent first;
// words with equal counts come in alphabetical order. It returns fewer
// than n when counts holds fewer words, and none when n is not positive.
func Top(counts map[string]int, n int) []WordCount {
	ranked := make([]WordCount, 0, len(counts))
	for word, count := range counts {
		ranked = append(ranked, WordCount{Word: word, Count: count})
	}
	slices.SortFunc(ranked, func(a, b WordCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Word, b.Word))
	})
	return ranked[:max(0, min(n, len(ranked)))]
}
