// Package appending shows append writing into a backing array that another
// slice shares. The slices chapter sets it beside Rust's Vec, which has one
// owner, so a push cannot change what another variable sees.
package appending

import "slices"

// ANCHOR: with-suffix
// WithSuffix returns path with elem added. When path has spare capacity,
// append writes elem into path's backing array, and the result shares it.
func WithSuffix(path []string, elem string) []string {
	return append(path, elem)
}

// WithSuffixCopy returns path with elem added, always in a new backing
// array: slices.Clip drops the spare capacity, so append must allocate.
func WithSuffixCopy(path []string, elem string) []string {
	return append(slices.Clip(path), elem)
}

// ANCHOR_END: with-suffix
