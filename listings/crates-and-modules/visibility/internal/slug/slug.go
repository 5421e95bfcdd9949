// Package slug turns item names into keys. Being under internal/, it can
// be imported only by packages rooted at the directory above internal/.
package slug

import (
	"strings"
	"unicode"
)

// ANCHOR: slug
// Make lowercases a name and joins its words with "-". It is exported, so
// the visibility package can call it.
func Make(name string) string {
	words := strings.FieldsFunc(name, isSeparator)
	for i, w := range words {
		words[i] = strings.ToLower(w)
	}
	return strings.Join(words, "-")
}

// isSeparator is unexported: visible in package slug only.
func isSeparator(c rune) bool {
	return unicode.IsSpace(c) || c == '_'
}

// ANCHOR_END: slug
