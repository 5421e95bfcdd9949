package events

import "testing"

// ANCHOR: tests
func TestDescribe(t *testing.T) {
	cases := []struct {
		name  string
		event Event
		want  string
	}{
		{"joined", Joined{User: "ana"}, "ana joined"},
		{"said", Said{User: "ana", Text: "hi"}, "ana: hi"},
		{"left without a reason", Left{User: "bo"}, "bo left"},
		{"left with a reason", Left{User: "bo", Reason: "timeout"}, "bo left (timeout)"},
		// The interface can be nil; the enum on the Rust side cannot.
		{"nil event", nil, "unknown event <nil>"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Describe(tc.event); got != tc.want {
				t.Errorf("Describe(%#v) = %q, want %q", tc.event, got, tc.want)
			}
		})
	}
}

// ANCHOR_END: tests
