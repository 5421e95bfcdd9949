// Package inventory keeps counts in a map: the comma-ok form tells a
// missing key from a zero, and m[k] += n inserts or updates. The slices
// chapter sets it beside Rust's HashMap, get and the entry API.
package inventory

// ANCHOR: inventory
// Inventory counts items by name.
type Inventory struct {
	counts map[string]int
}

// New returns an empty Inventory.
func New() *Inventory {
	return &Inventory{counts: map[string]int{}}
}

// Add puts n more of name in stock; a missing key reads as zero.
func (inv *Inventory) Add(name string, n int) {
	inv.counts[name] += n
}

// Count returns how many of name are in stock, and whether any are.
func (inv *Inventory) Count(name string) (int, bool) {
	n, ok := inv.counts[name]
	return n, ok
}

// Take removes n of name, and the name itself when none are left. It
// reports false, and changes nothing, when there are not enough.
func (inv *Inventory) Take(name string, n int) bool {
	have, ok := inv.counts[name]
	if !ok || have < n {
		return false
	}
	if have == n {
		delete(inv.counts, name)
	} else {
		inv.counts[name] = have - n
	}
	return true
}

// ANCHOR_END: inventory
