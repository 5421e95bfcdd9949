package transfer

import (
	"slices"
	"testing"
)

// ANCHOR: tests
func TestTransfer(t *testing.T) {
	cases := []struct {
		name      string
		from, to  int
		wantPanic bool
		want      []int64
	}{
		{"forward", 0, 1, false, []int64{70, 30}},
		{"backward", 1, 0, false, []int64{130, -30}},
		{"to itself", 0, 0, false, []int64{100, 0}},
		{"no such account", 0, 2, true, []int64{100, 0}},
		{"from no such account", 2, 0, true, []int64{100, 0}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			balances := []int64{100, 0}
			defer func() {
				if panicked := recover() != nil; panicked != tc.wantPanic {
					t.Errorf("panicked = %v, want %v", panicked, tc.wantPanic)
				}
				// Both pointers are taken before either write, so a bad
				// index panics with nothing changed.
				if !slices.Equal(balances, tc.want) {
					t.Errorf("balances = %v, want %v", balances, tc.want)
				}
			}()
			Transfer(balances, tc.from, tc.to, 30)
		})
	}
}

// ANCHOR_END: tests
