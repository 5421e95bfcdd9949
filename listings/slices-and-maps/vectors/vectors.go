// Package vectors shows Go's one slice type doing three jobs: reading,
// changing elements in place, and returning new elements; and an array,
// which is a value. The slices chapter sets it beside Rust's &[T],
// &mut [T], Vec<T> and [T; N].
package vectors

// ANCHOR: functions
// Sum reads the elements of xs.
func Sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

// Scale multiplies every element of xs by k, in the caller's array.
func Scale(xs []int, k int) {
	for i := range xs {
		xs[i] *= k
	}
}

// Evens returns the even elements of xs in a new slice.
func Evens(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x%2 == 0 {
			out = append(out, x)
		}
	}
	return out
}

// ANCHOR_END: functions
