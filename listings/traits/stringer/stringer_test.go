package stringer

import (
	"testing"
	"time"
)

// ANCHOR: tests
func TestCelsiusPrintsOneDecimal(t *testing.T) {
	cases := []struct {
		degrees Celsius
		want    string
	}{
		{0, "0.0°C"}, {21.5, "21.5°C"}, {-40, "-40.0°C"}, {36.66, "36.7°C"},
	}
	for _, tc := range cases {
		t.Run(tc.want, func(t *testing.T) {
			if got := tc.degrees.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestJoining(t *testing.T) {
	if got := Join([]Celsius{}); got != "" {
		t.Errorf("Join(empty) = %q", got)
	}
	if got := Join([]Celsius{1, 2}); got != "1.0°C, 2.0°C" {
		t.Errorf("Join = %q", got)
	}
	// time.Duration is a Stringer of the standard library; an int or a
	// string is not, and JoinStringers would not compile with one.
	mixed := JoinStringers(Celsius(20), YesNo(false), 1500*time.Millisecond)
	if mixed != "20.0°C, no, 1.5s" {
		t.Errorf("JoinStringers = %q", mixed)
	}
}

// ANCHOR_END: tests
