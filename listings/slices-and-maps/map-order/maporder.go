// Package maporder prints a map in a fixed order. Go randomises the order
// of range over a map, so the keys are sorted first. The slices chapter
// sets it beside Rust's HashMap, whose order is arbitrary, and BTreeMap,
// which is sorted.
package maporder

import (
	"fmt"
	"maps"
	"slices"
)

// ANCHOR: report
// Report lists the counts as name=count lines, sorted by name.
func Report(counts map[string]int) []string {
	var lines []string
	for _, name := range slices.Sorted(maps.Keys(counts)) {
		lines = append(lines, fmt.Sprintf("%s=%d", name, counts[name]))
	}
	return lines
}

// ANCHOR_END: report
