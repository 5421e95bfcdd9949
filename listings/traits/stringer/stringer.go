// Package stringer satisfies fmt.Stringer the Go way: by having a String
// method, with no declaration that connects the two. The traits chapter
// sets it beside Rust's explicit impl of Display.
package stringer

import (
	"fmt"
	"strings"
)

// ANCHOR: stringer
// Celsius is a temperature. Its String method is all it takes to satisfy
// fmt.Stringer, so fmt prints it with one decimal.
type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

// This line only asks the compiler to check that Celsius satisfies
// fmt.Stringer; nothing else would say so.
var _ fmt.Stringer = Celsius(0)

// ANCHOR_END: stringer

// ANCHOR: callers
// Join joins values of one type, through a type parameter.
func Join[T fmt.Stringer](items []T) string {
	parts := make([]string, len(items))
	for i, item := range items {
		parts[i] = item.String()
	}
	return strings.Join(parts, ", ")
}

// JoinStringers joins values of any mix of types that have a String
// method. Each item is an interface value: a pointer to its type's methods
// and a pointer to the data, and item.String() goes through the first.
func JoinStringers(items ...fmt.Stringer) string {
	parts := make([]string, len(items))
	for i, item := range items {
		parts[i] = item.String()
	}
	return strings.Join(parts, ", ")
}

// ANCHOR_END: callers

// ANCHOR: foreign
// YesNo is bool with a method: Go allows methods only on types declared in
// the same package, so bool itself cannot have one.
type YesNo bool

func (b YesNo) String() string {
	if b {
		return "yes"
	}
	return "no"
}

// ANCHOR_END: foreign
