package scopeorder

import (
	"slices"
	"testing"
)

// ANCHOR: tests
func TestDeferredCallsRunInReverseWhenTheFunctionReturns(t *testing.T) {
	cases := []struct {
		name string
		run  func(*[]string)
		want []string
	}{
		{"OpenThree", OpenThree, []string{"return", "drop c", "drop b", "drop a"}},
		{"EachIteration", EachIteration, []string{
			"use item 0", "use item 1", "use item 2", "return",
			"drop item 2", "drop item 1", "drop item 0",
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var log []string
			tc.run(&log)
			if !slices.Equal(log, tc.want) {
				t.Errorf("log = %q, want %q", log, tc.want)
			}
		})
	}
}

// ANCHOR_END: tests
