// Package sets uses maps with empty struct values as sets. The slices
// chapter sets it beside Rust's HashSet and BTreeSet.
package sets

import "slices"

// ANCHOR: unique
// Unique returns words without repeats, in the order they first appear.
func Unique(words []string) []string {
	seen := map[string]struct{}{}
	var out []string
	for _, w := range words {
		if _, ok := seen[w]; ok {
			continue
		}
		seen[w] = struct{}{}
		out = append(out, w)
	}
	return out
}

// ANCHOR_END: unique

// ANCHOR: common
// Common returns the words found in both a and b, sorted, once each.
func Common(a, b []string) []string {
	inA := map[string]struct{}{}
	for _, w := range a {
		inA[w] = struct{}{}
	}
	inBoth := map[string]struct{}{}
	for _, w := range b {
		if _, ok := inA[w]; ok {
			inBoth[w] = struct{}{}
		}
	}
	out := make([]string, 0, len(inBoth))
	for w := range inBoth {
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}

// ANCHOR_END: common
