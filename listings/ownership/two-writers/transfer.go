// Package transfer holds two pointers into one slice at once, which Go
// allows. The ownership chapter sets it beside Rust's get_disjoint_mut.
package transfer

// ANCHOR: transfer
// Transfer moves amount from one balance to another through two pointers
// into the same slice. When from == to both point at one element, and the
// two writes cancel out.
func Transfer(balances []int64, from, to int, amount int64) {
	src, dst := &balances[from], &balances[to]
	*src -= amount
	*dst += amount
}

// ANCHOR_END: transfer
