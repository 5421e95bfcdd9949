// Package conversions shows Go's conversions between named types, which
// keep the value, and the constructors Go code writes for conversions that
// compute or can fail. The standard traits chapter sets them beside Rust's
// From, Into, TryFrom and AsRef.
package conversions

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
)

// ANCHOR: from
// Celsius and Fahrenheit share float64 as their underlying type, so
// Fahrenheit(c) compiles, and keeps the number: it changes the type only.
type (
	Celsius    float64
	Fahrenheit float64
)

// ToFahrenheit is the conversion that computes.
func (c Celsius) ToFahrenheit() Fahrenheit {
	return Fahrenheit(c*9/5 + 32)
}

// ANCHOR_END: from

// ANCHOR: try-from
// Port is a TCP port other than 0.
type Port uint16

// ErrZeroPort is returned for port 0.
var ErrZeroPort = errors.New("port 0")

// NewPort checks the range before it converts.
func NewPort(n uint32) (Port, error) {
	switch {
	case n == 0:
		return 0, ErrZeroPort
	case n > math.MaxUint16:
		return 0, fmt.Errorf("port %d out of range", n)
	}
	return Port(n), nil
}

// ParsePort wraps strconv's error, as Rust's ? does through From.
func ParsePort(s string) (Port, error) {
	n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 32)
	if err != nil {
		return 0, fmt.Errorf("port: %w", err)
	}
	return NewPort(uint32(n))
}

// ANCHOR_END: try-from

// ANCHOR: as-ref
// IsGoSource takes a string: Go has one type for paths.
func IsGoSource(path string) bool {
	return filepath.Ext(path) == ".go"
}

// ANCHOR_END: as-ref
