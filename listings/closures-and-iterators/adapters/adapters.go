// Package adapters holds the loops that the closures-and-iterators chapter
// rewrites as Rust iterator chains.
package adapters

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// ANCHOR: parse_order
// Item is one line of an order.
type Item struct {
	Name     string
	Quantity uint32
}

// ParseOrder parses name=quantity lines, skipping blank lines and #
// comments. The first bad line is the error.
func ParseOrder(text string) ([]Item, error) {
	var items []Item
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, quantity, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("no '=' in %q", line)
		}
		n, err := strconv.ParseUint(quantity, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		items = append(items, Item{name, uint32(n)})
	}
	return items, nil
}

// ANCHOR_END: parse_order

// ANCHOR: small
// Numbers returns the numbers among the words; the rest are skipped.
func Numbers(words []string) []int64 {
	var out []int64
	for _, word := range words {
		if n, err := strconv.ParseInt(word, 10, 64); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// Positives returns the positive values.
func Positives(values []int32) []int32 {
	var out []int32
	for _, n := range values {
		if n > 0 {
			out = append(out, n)
		}
	}
	return out
}

// Ranking returns "1. name: score" for each pair, numbered from one.
func Ranking(names []string, scores []uint32) []string {
	var out []string
	for i := range min(len(names), len(scores)) {
		out = append(out, fmt.Sprintf("%d. %s: %d", i+1, names[i], scores[i]))
	}
	return out
}

// Header returns the comment lines at the top of a file, without their #.
func Header(text string) string {
	var parts []string
	for line := range strings.Lines(text) {
		if !strings.HasPrefix(line, "#") {
			break
		}
		parts = append(parts, strings.TrimSpace(strings.TrimLeft(line, "#")))
	}
	return strings.Join(parts, " ")
}

// AllTags returns every tag of every post, once each, sorted.
func AllTags(posts []string) []string {
	seen := map[string]bool{}
	for _, post := range posts {
		for tag := range strings.SplitSeq(post, ",") {
			seen[strings.TrimSpace(tag)] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// ANCHOR_END: small
