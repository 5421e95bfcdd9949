// Package building builds a string piece by piece with strings.Builder and
// fmt.Fprintf. The strings chapter sets it beside Rust's String, push_str
// and write!.
package building

import (
	"fmt"
	"strings"
)

// ANCHOR: receipt
// Item is one line of a receipt.
type Item struct {
	Name  string
	Cents int
}

// Receipt renders items one per line, then a rule and the total.
func Receipt(items []Item) string {
	var b strings.Builder
	total := 0
	for _, it := range items {
		fmt.Fprintf(&b, "%-8s %3d.%02d\n", it.Name, it.Cents/100, it.Cents%100)
		total += it.Cents
	}
	b.WriteString(strings.Repeat("-", 15))
	b.WriteByte('\n')
	fmt.Fprintf(&b, "%-8s %3d.%02d\n", "total", total/100, total%100)
	return b.String()
}

// ANCHOR_END: receipt
