// Package borrowing shows that Go lets two slices that share one backing
// array be passed as "destination" and "source" at once. The ownership
// chapter sets it beside Rust's rule of one writer or many readers.
package borrowing

// ANCHOR: offsets
// Offsets writes each element's distance from src[0] into dst.
func Offsets(dst, src []int) {
	if len(src) == 0 {
		return
	}
	for i := range src {
		dst[i] = src[i] - src[0]
	}
}

// ANCHOR_END: offsets
