// Package alerts is the Go side of "Box<dyn Trait> everywhere" in the
// "Sharp edges" chapter: an interface field, Go's everyday tool, which
// keeps the dynamic type inside the interface value so a type assertion
// can get it back.
package alerts

import "fmt"

// ANCHOR: alerts
// Notifier is something that can deliver an alert.
type Notifier interface {
	Notify(message string)
}

// Outbox keeps what it was asked to send.
type Outbox struct {
	Sent []string
}

// Notify records message.
func (o *Outbox) Notify(message string) { o.Sent = append(o.Sent, message) }

// Alerts raises alerts through any Notifier.
type Alerts struct {
	Notifier Notifier
}

// DiskFull reports a full disk.
func (a *Alerts) DiskFull(disk string) {
	a.Notifier.Notify(fmt.Sprintf("disk %s is full", disk))
}

// ANCHOR_END: alerts
