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
// binary with it selected and JOB_QUEUE_ARGS set, and it runs main with
// those arguments.
func TestRunMain(t *testing.T) {
	args, ok := os.LookupEnv("JOB_QUEUE_ARGS")
	if !ok {
		t.Skip("runs only when TestFlagErrors starts it")
	}
	os.Args = append([]string{"job-queue"}, strings.Fields(args)...)
	main()
	t.Fatal("main returned instead of exiting")
}

func TestFlagErrors(t *testing.T) {
	t.Parallel()
	const usage = "Usage of job-queue:\n"
	tests := []struct {
		name, args string
		wantCode   int
		wantError  string // printed once, before the usage; "" for none
	}{
		{"help", "-h", 0, ""},
		{"long help", "--help", 0, ""},
		{"unknown flag", "--colour blue", 2, "flag provided but not defined: -colour"},
		{"bad value", "--header-timeout soon", 2, "invalid value \"soon\" for flag -header-timeout: parse error"},
		{"out of range", "--workers 0", 2, "--workers, --queue-capacity and --max-connections must be at least 1"},
		{"extra argument", "extra", 2, `unexpected argument "extra"`},
		{"pprof without its build tag", "--pprof 127.0.0.1:6060", 2, "--pprof needs a build with -tags pprof"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if strings.HasPrefix(tc.args, "--pprof") && servePprof != nil {
				t.Skip("a build with -tags pprof serves pprof instead of refusing the flag")
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestRunMain$")
			cmd.Env = append(os.Environ(), "JOB_QUEUE_ARGS="+tc.args)
			out, err := cmd.CombinedOutput()
			code := 0
			if exit, ok := errors.AsType[*exec.ExitError](err); ok {
				code = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			stderr := string(out)
			if code != tc.wantCode {
				t.Errorf("job-queue %s exited %d, want %d; it printed:\n%s", tc.args, code, tc.wantCode, stderr)
			}
			if strings.Count(stderr, usage) != 1 {
				t.Errorf("job-queue %s printed the usage %d times, want once:\n%s", tc.args, strings.Count(stderr, usage), stderr)
			}
			if tc.wantError != "" && (strings.Count(stderr, tc.wantError) != 1 || !strings.HasPrefix(stderr, tc.wantError+"\n")) {
				t.Errorf("job-queue %s printed:\n%s\nwant %q once, then the usage", tc.args, stderr, tc.wantError)
			}
		})
	}
}
