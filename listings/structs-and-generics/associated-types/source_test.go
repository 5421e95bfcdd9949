package associatedtypes

import (
	"reflect"
	"slices"
	"testing"
)

// ANCHOR: tests
func TestDrain(t *testing.T) {
	// T is inferred from the Next method of each argument.
	if got := Drain(&Countdown{3}); !slices.Equal(got, []int{3, 2, 1}) {
		t.Errorf("Drain(countdown) = %v", got)
	}
	words := &Words{[]string{"go", "to", "rust"}}
	if got := Drain(words); !slices.Equal(got, []string{"go", "to", "rust"}) {
		t.Errorf("Drain(words) = %v", got)
	}
}

func TestLargest(t *testing.T) {
	cases := []struct {
		name   string
		source Source[string]
		want   string
		ok     bool
	}{
		{"several", &Words{[]string{"go", "to", "rust"}}, "to", true},
		{"none", &Words{}, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Largest(tc.source)
			if got != tc.want || ok != tc.ok {
				t.Errorf("Largest = %q, %v; want %q, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

// A type has one Next method, so it is a Source of one item type only.
func TestOneItemTypePerSource(t *testing.T) {
	countdown := reflect.TypeFor[*Countdown]()
	if !countdown.Implements(reflect.TypeFor[Source[int]]()) {
		t.Error("*Countdown is not a Source[int]")
	}
	if countdown.Implements(reflect.TypeFor[Source[string]]()) {
		t.Error("*Countdown is a Source[string]")
	}
}

// ANCHOR_END: tests
