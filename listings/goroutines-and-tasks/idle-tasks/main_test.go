package main

import "testing"

func TestHoldsEveryGoroutineAndThenEndsThemAll(t *testing.T) {
	for _, n := range []int{0, 1, 1_000} {
		r := Hold(n)
		if r.Tasks != n || r.RSSBeforeKiB == 0 || r.RSSAfterKiB == 0 {
			t.Errorf("Hold(%d) = %+v", n, r)
		}
	}
}
