package maporder

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// ANCHOR: tests
func TestReportIsSorted(t *testing.T) {
	got := Report(map[string]int{"rust": 2, "go": 3, "c": 1})
	if want := []string{"c=1", "go=3", "rust=2"}; !slices.Equal(got, want) {
		t.Errorf("Report = %q, want %q", got, want)
	}
}

func TestRangeOrderChangesFromOneLoopToTheNext(t *testing.T) {
	m := map[string]int{}
	for i := range 50 {
		m[fmt.Sprint("key", i)] = i
	}
	orders := map[string]bool{}
	for range 100 {
		var keys []string
		for k := range m {
			keys = append(keys, k)
		}
		orders[strings.Join(keys, ",")] = true
	}
	if len(orders) < 2 {
		t.Errorf("100 loops over one map saw %d order(s)", len(orders))
	}
}

// ANCHOR_END: tests
