// Package grow changes a slice while ranging over it, which Go allows. The
// ownership chapter shows the same loop refused by rustc and the Rust ways
// of writing it; the tests here pin down what the Go loop really does.
package grow

import "slices"

// ANCHOR: append
// AppendTens appends n*10 for every even n, appending to the very slice it
// ranges over. The range expression is evaluated once, before the loop, so
// the loop visits only the original elements.
func AppendTens(nums []int) []int {
	for _, n := range nums {
		if n%2 == 0 {
			nums = append(nums, n*10)
		}
	}
	return nums
}

// ANCHOR_END: append

// ANCHOR: remove
// RemoveEvens removes the even numbers in place, keeping the order of the
// rest.
func RemoveEvens(nums []int) []int {
	return slices.DeleteFunc(nums, func(n int) bool { return n%2 == 0 })
}

// TakeEvens returns the even numbers and the odd ones, in order.
func TakeEvens(nums []int) (evens, odds []int) {
	for _, n := range nums {
		if n%2 == 0 {
			evens = append(evens, n)
		} else {
			odds = append(odds, n)
		}
	}
	return evens, odds
}

// ANCHOR_END: remove
