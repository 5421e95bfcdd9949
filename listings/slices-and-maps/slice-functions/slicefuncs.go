// Package slicefuncs uses copy and the slices package: Clone, Sort,
// Reverse, Index and BinarySearch. The slices chapter sets it beside the
// methods of Rust slices and iterators.
package slicefuncs

import "slices"

// ANCHOR: podium
// Podium returns the three highest scores, highest first, and leaves
// scores as it was.
func Podium(scores []int) []int {
	sorted := slices.Clone(scores)
	slices.Sort(sorted)
	slices.Reverse(sorted)
	return sorted[:min(3, len(sorted))]
}

// ANCHOR_END: podium

// ANCHOR: place
// Place returns the index of name in names, or -1 when it is missing.
func Place(names []string, name string) int {
	return slices.Index(names, name)
}

// ANCHOR_END: place
