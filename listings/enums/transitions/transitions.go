// Package transitions is an order's state machine in Go: a switch over
// pairs of state and action, with a default that refuses everything the
// cases above it do not allow.
package transitions

import "fmt"

// State is where an order is.
type State int

// Action is what someone asks to do with an order.
type Action int

const (
	Pending State = iota
	Paid
	Shipped
	Cancelled
)

const (
	Pay Action = iota
	Ship
	Cancel
)

// ANCHOR: next
// Next returns the state an action leads to, or an error when the action
// is not allowed in state s.
func Next(s State, a Action) (State, error) {
	switch {
	case s == Pending && a == Pay:
		return Paid, nil
	case s == Paid && a == Ship:
		return Shipped, nil
	case (s == Pending || s == Paid) && a == Cancel:
		return Cancelled, nil
	default:
		return s, fmt.Errorf("action %d not allowed in state %d", a, s)
	}
}

// ANCHOR_END: next

// ANCHOR: is_final
// IsFinal reports whether no action can change the state any more.
func (s State) IsFinal() bool {
	return s == Shipped || s == Cancelled
}

// ANCHOR_END: is_final
