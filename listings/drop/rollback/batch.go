// Package rollback undoes a batch of additions unless it completes, with
// a deferred function and a flag. The drop chapter sets it beside a Rust
// guard type whose Drop does the same.
package rollback

import "errors"

// ANCHOR: add_all
// AddAll appends every name to items, or none of them if one is empty.
func AddAll(items *[]string, names []string) error {
	lenBefore := len(*items)
	committed := false
	defer func() {
		if !committed {
			*items = (*items)[:lenBefore]
		}
	}()
	for _, name := range names {
		if name == "" {
			return errors.New("empty name")
		}
		*items = append(*items, name)
	}
	committed = true
	return nil
}

// ANCHOR_END: add_all
