// Tests of what the command prints and how it exits when its flags are
// wrong or -h asks for help: the test binary runs itself as the program.

package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestRunMain is not a test of its own: TestFlagErrors starts this test
// binary with it selected and CHAT_SERVER_ARGS set, and it runs main with
// those arguments.
func TestRunMain(t *testing.T) {
	args, ok := os.LookupEnv("CHAT_SERVER_ARGS")
	if !ok {
		t.Skip("runs only when TestFlagErrors starts it")
	}
	os.Args = append([]string{"chat-server"}, strings.Fields(args)...)
	main()
	t.Fatal("main returned instead of exiting")
}

func TestFlagErrors(t *testing.T) {
	t.Parallel()
	const usage = "Usage of chat-server:\n"
	tests := []struct {
		name, args string
		wantCode   int
		wantError  string // printed once, before the usage; "" for none
	}{
		{"help", "-h", 0, ""},
		{"long help", "--help", 0, ""},
		{"unknown flag", "--colour blue", 2, "flag provided but not defined: -colour"},
		{"bad value", "--rate-per-sec fast", 2, "invalid value \"fast\" for flag -rate-per-sec: parse error"},
		{"out of range", "--buffer 0", 2, "--rate-per-sec, --buffer, --max-message-bytes, --write-timeout-ms and --header-timeout-ms must be at least 1"},
		{"extra argument", "extra", 2, `unexpected argument "extra"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(os.Args[0], "-test.run=^TestRunMain$")
			cmd.Env = append(os.Environ(), "CHAT_SERVER_ARGS="+tc.args)
			out, err := cmd.CombinedOutput()
			code := 0
			if exit, ok := errors.AsType[*exec.ExitError](err); ok {
				code = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			stderr := string(out)
			if code != tc.wantCode {
				t.Errorf("chat-server %s exited %d, want %d; it printed:\n%s", tc.args, code, tc.wantCode, stderr)
			}
			if strings.Count(stderr, usage) != 1 {
				t.Errorf("chat-server %s printed the usage %d times, want once:\n%s", tc.args, strings.Count(stderr, usage), stderr)
			}
			if tc.wantError != "" && (strings.Count(stderr, tc.wantError) != 1 || !strings.HasPrefix(stderr, tc.wantError+"\n")) {
				t.Errorf("chat-server %s printed:\n%s\nwant %q once, then the usage", tc.args, stderr, tc.wantError)
			}
		})
	}
}
