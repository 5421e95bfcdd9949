package main

import (
	"strings"
	"testing"
)

// The exercise's shared suite (../tests/suite.rs) tests the built binary
// over TCP; this runs the commands in process, one after another on one
// set of counters.
func TestExecute(t *testing.T) {
	counters := NewCounters()
	steps := []struct {
		line, want string
		quit       bool
	}{
		{"GET a", "OK 0", false},
		{"INCR a", "OK 1", false},
		{"  INCR   a  41 ", "OK 42", false},
		{"INCR a -2", "OK 40", false},
		{"INCR big 9223372036854775807", "OK 9223372036854775807", false},
		{"INCR big", "ERR overflow", false},
		{"GET big", "OK 9223372036854775807", false},
		{"INCR a lots", `ERR bad number "lots"`, false},
		{"INCR", "ERR usage: INCR name [n]", false},
		{"GET", "ERR usage: GET name", false},
		{"FLY away", `ERR unknown command "FLY"`, false},
		{"", "ERR empty line", false},
		{"QUIT", "BYE", true},
	}
	for _, step := range steps {
		if got, quit := counters.Execute(step.line); got != step.want || quit != step.quit {
			t.Errorf("Execute(%q) = %q, %v; want %q, %v", step.line, got, quit, step.want, step.quit)
		}
	}
	if got, _ := counters.Execute("GET " + strings.Repeat("x", 10)); got != "OK 0" {
		t.Errorf("GET of a new name = %q, want OK 0", got)
	}
}
