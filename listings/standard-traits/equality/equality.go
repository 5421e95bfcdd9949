// Package equality shows Go's == on structs, structs as map keys, and
// sorting with cmp.Compare. The standard traits chapter sets them beside
// Rust's derived PartialEq, Eq, Hash and Ord.
package equality

import (
	"cmp"
	"slices"
)

// ANCHOR: version
// Version is comparable because all its fields are: == compares them one
// by one, and a Version can be a map key. Go defines no < on structs.
type Version struct {
	Major, Minor, Patch int
}

// Tally counts the downloads of each version.
func Tally(downloads []Version) map[Version]int {
	counts := make(map[Version]int)
	for _, v := range downloads {
		counts[v]++
	}
	return counts
}

// Sort orders versions field by field, written out by hand.
func Sort(releases []Version) {
	slices.SortFunc(releases, func(a, b Version) int {
		return cmp.Or(
			cmp.Compare(a.Major, b.Major),
			cmp.Compare(a.Minor, b.Minor),
			cmp.Compare(a.Patch, b.Patch),
		)
	})
}

// ANCHOR_END: version

// ANCHOR: reading
// Reading holds a float64, and is still comparable: == and map keys work,
// with NaN unequal to itself.
type Reading struct {
	Celsius float64
}

// ANCHOR_END: reading
