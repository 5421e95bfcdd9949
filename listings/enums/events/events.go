// Package events shows how Go models "one of these kinds, each with its
// own data": an interface that only this package's types implement, and a
// type switch to tell them apart.
package events

import "fmt"

// ANCHOR: types
// Event is something that happened in a chat room. The unexported method
// seals the interface: another package can add a kind of event only by
// embedding one of these types in a struct of its own.
type Event interface{ isEvent() }

// Joined says a user entered the room.
type Joined struct{ User string }

// Said carries one message.
type Said struct{ User, Text string }

// Left says a user went away; Reason may be empty.
type Left struct{ User, Reason string }

func (Joined) isEvent() {}
func (Said) isEvent()   {}
func (Left) isEvent()   {}

// ANCHOR_END: types

// ANCHOR: describe
// Describe renders an event as a line of the room's transcript.
func Describe(e Event) string {
	switch e := e.(type) {
	case Joined:
		return e.User + " joined"
	case Said:
		return e.User + ": " + e.Text
	case Left:
		if e.Reason == "" {
			return e.User + " left"
		}
		return fmt.Sprintf("%s left (%s)", e.User, e.Reason)
	default:
		// A nil Event lands here, and so would a kind added later
		// that this switch has not learned about, or another
		// package's struct that embeds one of these.
		return fmt.Sprintf("unknown event %v", e)
	}
}

// ANCHOR_END: describe
