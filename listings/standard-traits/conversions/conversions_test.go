package conversions

import (
	"errors"
	"strconv"
	"testing"
)

// ANCHOR: tests
func TestAConversionKeepsTheNumber(t *testing.T) {
	if got := Fahrenheit(Celsius(100)); got != 100 {
		t.Errorf("Fahrenheit(Celsius(100)) = %v", got)
	}
	if got := Celsius(100).ToFahrenheit(); got != 212 {
		t.Errorf("ToFahrenheit = %v, want 212", got)
	}
}

func TestNewPortChecksTheRange(t *testing.T) {
	cases := []struct {
		n       uint32
		want    Port
		wantErr bool
	}{
		{8080, 8080, false},
		{0, 0, true},
		{70_000, 0, true},
	}
	for _, tc := range cases {
		got, err := NewPort(tc.n)
		if got != tc.want || (err != nil) != tc.wantErr {
			t.Errorf("NewPort(%d) = %d, %v", tc.n, got, err)
		}
	}
	n := uint32(70_000)
	if got := Port(n); got != 4464 {
		t.Errorf("Port(70000) = %d, want 4464: a plain conversion wraps", got)
	}
}

func TestParsePortWrapsTheError(t *testing.T) {
	if p, err := ParsePort(" 443\n"); p != 443 || err != nil {
		t.Errorf("ParsePort(443) = %d, %v", p, err)
	}
	if _, err := ParsePort("http"); !errors.Is(err, strconv.ErrSyntax) {
		t.Errorf("ParsePort(http) error = %v", err)
	}
	if _, err := ParsePort("0"); !errors.Is(err, ErrZeroPort) {
		t.Errorf("ParsePort(0) error = %v", err)
	}
}

func TestIsGoSource(t *testing.T) {
	for path, want := range map[string]bool{"main.go": true, "dir/x.go": true, "main.rs": false} {
		if got := IsGoSource(path); got != want {
			t.Errorf("IsGoSource(%q) = %v", path, got)
		}
	}
}

// ANCHOR_END: tests
