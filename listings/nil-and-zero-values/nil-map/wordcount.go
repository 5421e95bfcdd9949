// Package wordcount uses a struct with a map inside. Its zero value holds a
// nil map: reading works, the first write panics. The chapter on nil sets
// it beside Rust's Default.
package wordcount

// ANCHOR: word-count
// WordCount counts words. Its zero value is not ready to use: counts is a
// nil map until NewWordCount makes one.
type WordCount struct {
	counts map[string]int
}

// NewWordCount returns a WordCount that is ready to use.
func NewWordCount() *WordCount {
	return &WordCount{counts: map[string]int{}}
}

// Add counts one more occurrence of word. On a zero WordCount it panics.
func (w *WordCount) Add(word string) { w.counts[word]++ }

// Count returns how often word was added; reading a nil map yields zero.
func (w *WordCount) Count(word string) int { return w.counts[word] }

// ANCHOR_END: word-count
