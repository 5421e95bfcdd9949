package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for the program: started with
// WHATRUNS_MODE set, it runs that mode instead of the tests.
func TestMain(m *testing.M) {
	if mode := os.Getenv("WHATRUNS_MODE"); mode != "" {
		run(mode)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// ANCHOR: tests
func TestDeferredCallsRunOnReturnAndPanicOnly(t *testing.T) {
	cases := []struct {
		mode     string
		code     int
		deferred bool
	}{
		{"return", 0, true},
		{"panic", 2, true},
		{"exit", 3, false},
	}
	for _, tc := range cases {
		t.Run(tc.mode, func(t *testing.T) {
			cmd := exec.Command(os.Args[0])
			cmd.Env = append(os.Environ(), "WHATRUNS_MODE="+tc.mode)
			out, err := cmd.Output()
			code, stderr := 0, ""
			if exit, ok := errors.AsType[*exec.ExitError](err); ok {
				code, stderr = exit.ExitCode(), string(exit.Stderr)
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tc.code {
				t.Errorf("exit code = %d, want %d", code, tc.code)
			}
			if got := strings.Contains(string(out), "deferred call"); got != tc.deferred {
				t.Errorf("deferred call ran: %v, want %v; output %q", got, tc.deferred, out)
			}
			// Only the panic prints a message, and it does so on stderr.
			if got := strings.Contains(stderr, "panic: a bug"); got != (tc.mode == "panic") {
				t.Errorf("stderr = %q", stderr)
			}
		})
	}
}

// ANCHOR_END: tests
