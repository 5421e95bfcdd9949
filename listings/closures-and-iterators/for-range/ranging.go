// Package forrange shows Go's range forms: over a slice, a map, a channel
// and an integer. The closures-and-iterators chapter sets each beside a
// Rust for loop.
package forrange

import (
	"fmt"
	"maps"
	"slices"
)

// ANCHOR: slices
// Cheapest returns the index of the lowest price, or -1 for no prices.
func Cheapest(prices []uint32) int {
	best := -1
	for i, price := range prices {
		if best == -1 || price < prices[best] {
			best = i
		}
	}
	return best
}

// Discount takes percent off every price, in place.
func Discount(prices []uint32, percent uint32) {
	for i := range prices {
		prices[i] -= prices[i] * percent / 100
	}
}

// Labels turns the prices into labels.
func Labels(prices []uint32) []string {
	out := make([]string, 0, len(prices))
	for _, price := range prices {
		out = append(out, fmt.Sprintf("%d cents", price))
	}
	return out
}

// ANCHOR_END: slices

// ANCHOR: others
// StockLines returns one line per item, in key order.
func StockLines(stock map[string]uint32) []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(stock)) {
		out = append(out, fmt.Sprintf("%s: %d", name, stock[name]))
	}
	return out
}

// Drain returns everything received on messages, until it is closed.
func Drain(messages <-chan string) []string {
	var out []string
	for message := range messages {
		out = append(out, message)
	}
	return out
}

// Countdown returns n, n-1, ..., 1.
func Countdown(n int) []int {
	var out []int
	for i := range n {
		out = append(out, n-i)
	}
	return out
}

// ANCHOR_END: others
