// Package orderstatus shows Go's usual enum, typed constants counted by
// iota, and what happens when a constant is added after the switches that
// use it were written: the forgotten case compiles, passes go vet and
// quietly yields the zero value.
package orderstatus

// ANCHOR: constants
// Status is where an order is in its life.
type Status int

const (
	Pending Status = iota
	Paid
	Shipped
	// Refunded was added after Label was written.
	Refunded
)

// ANCHOR_END: constants

// ANCHOR: label
// Label is the text a customer sees for the status. Nobody updated it
// when Refunded arrived.
func (s Status) Label() string {
	switch s {
	case Pending:
		return "waiting for payment"
	case Paid:
		return "paid, being packed"
	case Shipped:
		return "on its way"
	}
	return ""
}

// ANCHOR_END: label
