// Package macros shows the code that Go programs either write by hand or
// get from a generator run by go generate: a String method for a set of
// constants. The standard traits chapter sets it beside a macro_rules!
// macro and the code #[derive] writes.
package macros

import "strconv"

// ANCHOR: level
// Level is a log level; its String method is written out by hand here.
type Level int

const (
	Debug Level = iota
	Info
	Warn
	Error
)

// AllLevels lists the constants, in order.
var AllLevels = []Level{Debug, Info, Warn, Error}

var levelNames = [...]string{"Debug", "Info", "Warn", "Error"}

func (l Level) String() string {
	if l < 0 || int(l) >= len(levelNames) {
		return "Level(" + strconv.Itoa(int(l)) + ")"
	}
	return levelNames[l]
}

// ANCHOR_END: level
