package alerts

import (
	"slices"
	"testing"
)

// ANCHOR: tests
func TestATypeAssertionGivesTheOutboxBack(t *testing.T) {
	alerts := Alerts{Notifier: &Outbox{}}
	alerts.DiskFull("/var")
	outbox, ok := alerts.Notifier.(*Outbox)
	if !ok {
		t.Fatalf("Notifier is a %T", alerts.Notifier)
	}
	if want := []string{"disk /var is full"}; !slices.Equal(outbox.Sent, want) {
		t.Errorf("Sent = %q, want %q", outbox.Sent, want)
	}
}

// ANCHOR_END: tests
