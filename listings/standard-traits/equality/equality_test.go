package equality

import (
	"math"
	"reflect"
	"slices"
	"testing"
)

// ANCHOR: tests
func TestEqualWhenEveryFieldIs(t *testing.T) {
	cases := []struct {
		a, b Version
		want bool
	}{
		{Version{1, 2, 3}, Version{1, 2, 3}, true},
		{Version{1, 2, 3}, Version{1, 2, 4}, false},
	}
	for _, tc := range cases {
		if got := tc.a == tc.b; got != tc.want {
			t.Errorf("%v == %v is %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestOrderedByFieldsInDeclarationOrder(t *testing.T) {
	releases := []Version{{1, 10, 0}, {1, 2, 3}, {0, 9, 9}}
	Sort(releases)
	want := []Version{{0, 9, 9}, {1, 2, 3}, {1, 10, 0}}
	if !slices.Equal(releases, want) {
		t.Errorf("sorted: %v, want %v", releases, want)
	}
}

func TestAStructIsAMapKey(t *testing.T) {
	counts := Tally([]Version{{1, 2, 3}, {1, 2, 3}, {2, 0, 0}})
	if counts[Version{1, 2, 3}] != 2 || counts[Version{2, 0, 0}] != 1 {
		t.Errorf("counts: %v", counts)
	}
	if _, ok := counts[Version{9, 9, 9}]; ok {
		t.Error("found a version never counted")
	}
}

func TestANaNKeyIsNeverFoundAgain(t *testing.T) {
	nan := Reading{math.NaN()}
	if nan == nan {
		t.Error("NaN == NaN")
	}
	m := map[Reading]int{}
	m[nan] = 1
	m[nan] = 2
	if len(m) != 2 {
		t.Errorf("len(m) = %d, want 2: each NaN key is a new entry", len(m))
	}
	if _, ok := m[nan]; ok {
		t.Error("found a NaN key")
	}
}

// Owners holds a slice, and a slice has no ==.
type Owners struct{ Services []string }

func TestSlicesAreNotComparable(t *testing.T) {
	if reflect.TypeOf(Owners{}).Comparable() {
		t.Error("a struct with a slice field is comparable")
	}
	if !reflect.TypeOf(Version{}).Comparable() {
		t.Error("Version is not comparable")
	}
}

// ANCHOR_END: tests
