package transitions

import "testing"

// ANCHOR: tests
func TestNext(t *testing.T) {
	cases := []struct {
		name    string
		from    State
		action  Action
		want    State
		allowed bool
	}{
		{"pay a pending order", Pending, Pay, Paid, true},
		{"ship a paid order", Paid, Ship, Shipped, true},
		{"cancel before shipping", Paid, Cancel, Cancelled, true},
		{"ship before paying", Pending, Ship, Pending, false},
		{"cancel after shipping", Shipped, Cancel, Shipped, false},
		{"anything once cancelled", Cancelled, Pay, Cancelled, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Next(tc.from, tc.action)
			if got != tc.want || (err == nil) != tc.allowed {
				t.Errorf("Next(%d, %d) = %d, %v; want %d, allowed %v",
					tc.from, tc.action, got, err, tc.want, tc.allowed)
			}
		})
	}
}

func TestIsFinal(t *testing.T) {
	cases := []struct {
		state State
		want  bool
	}{{Pending, false}, {Paid, false}, {Shipped, true}, {Cancelled, true}}
	for _, tc := range cases {
		if got := tc.state.IsFinal(); got != tc.want {
			t.Errorf("State(%d).IsFinal() = %v, want %v", tc.state, got, tc.want)
		}
	}
}

// ANCHOR_END: tests
