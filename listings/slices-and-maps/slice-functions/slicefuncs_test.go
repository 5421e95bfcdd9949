package slicefuncs

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// ANCHOR: tests
func TestPodium(t *testing.T) {
	cases := []struct {
		name   string
		scores []int
		want   []int
	}{
		{"more than three", []int{70, 95, 80, 60, 90}, []int{95, 90, 80}},
		{"fewer than three", []int{50, 75}, []int{75, 50}},
		{"none", nil, []int{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := slices.Clone(tc.scores)
			if got := Podium(tc.scores); !slices.Equal(got, tc.want) {
				t.Errorf("Podium(%v) = %v, want %v", tc.scores, got, tc.want)
			}
			if !slices.Equal(tc.scores, before) {
				t.Errorf("Podium changed its input to %v", tc.scores)
			}
		})
	}
}

func TestPlace(t *testing.T) {
	names := []string{"ada", "grace", "ken"}
	if got := Place(names, "ken"); got != 2 {
		t.Errorf("Place(ken) = %d, want 2", got)
	}
	if got := Place(names, "rob"); got != -1 {
		t.Errorf("Place(rob) = %d, want -1", got)
	}
}

func TestEdges(t *testing.T) {
	dst := make([]int, 2)
	if n := copy(dst, []int{1, 2, 3}); n != 2 { // copies min(len(dst), len(src))
		t.Errorf("copy copied %d elements, want 2", n)
	}
	if i, found := slices.BinarySearch([]int{10, 20, 30}, 25); i != 2 || found {
		t.Errorf("BinarySearch(25) = %d, %v, want 2, false", i, found)
	}
	defer func() {
		if msg := fmt.Sprint(recover()); !strings.Contains(msg, "empty list") {
			t.Errorf("recovered %q, want slices.Max's empty-list panic", msg)
		}
	}()
	_ = slices.Max([]int{})
	t.Error("slices.Max of an empty slice returned")
}

// ANCHOR_END: tests
