// Package typeswitch shows Go's type switch and type assertion on values of
// type any. The structs and generics chapter sets them beside a Rust enum,
// and beside Any with downcast_ref.
package typeswitch

import (
	"errors"
	"fmt"
)

// ANCHOR: describe
// Describe says what v holds. A case may name a concrete type or an
// interface; the first that matches wins.
func Describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nothing"
	case int:
		return fmt.Sprintf("the number %d", x)
	case string:
		return fmt.Sprintf("the text %q", x)
	case error:
		return "a failure: " + x.Error()
	default:
		return fmt.Sprintf("a %T", x)
	}
}

// ANCHOR_END: describe

// ANCHOR: assert
// Port returns v as an int if it holds one: the comma-ok form of x.(T).
func Port(v any) (int, bool) {
	n, ok := v.(int)
	return n, ok
}

// ErrNotFound is an error value for the tests.
var ErrNotFound = errors.New("not found")

// ANCHOR_END: assert
