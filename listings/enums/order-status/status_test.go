package orderstatus

import "testing"

// ANCHOR: tests
func TestLabel(t *testing.T) {
	cases := []struct {
		name   string
		status Status
		want   string
	}{
		{"pending", Pending, "waiting for payment"},
		{"paid", Paid, "paid, being packed"},
		{"shipped", Shipped, "on its way"},
		// The forgotten case: it compiles, go vet is content, and the
		// customer sees an empty label.
		{"refunded was forgotten", Refunded, ""},
		// Any int converts to a Status, so the switch must also cope
		// with values that name no constant at all.
		{"a number that is no status", Status(42), ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.status.Label(); got != tc.want {
				t.Errorf("Status(%d).Label() = %q, want %q", tc.status, got, tc.want)
			}
		})
	}
}

// ANCHOR_END: tests
