package racy

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestSafeCountsAreExact(t *testing.T) {
	t.Parallel()
	counters := []struct {
		name  string
		count func(workers, each int) int
	}{
		{"mutex", CountMutex},
		{"atomic", CountAtomic},
		{"channel", CountChannel},
	}
	for _, c := range counters {
		for _, size := range []struct{ workers, each int }{{1, 1}, {4, 1_000}, {8, 10_000}} {
			if got, want := c.count(size.workers, size.each), size.workers*size.each; got != want {
				t.Errorf("%s(%d, %d) = %d, want %d", c.name, size.workers, size.each, got, want)
			}
		}
	}
}

// ANCHOR: detector
// raceDemo is set only in the child process that
// TestRaceDetectorReportsCountRacy starts, so that the racy test below does
// not fail the ordinary `go test -race ./...` run.
const raceDemo = "GOTORUST_RACE_DEMO"

// TestRacy exercises CountRacy; it runs only as the child described above.
func TestRacy(t *testing.T) {
	if os.Getenv(raceDemo) == "" {
		t.Skip("run by TestRaceDetectorReportsCountRacy in a child process")
	}
	CountRacy(4, 1_000)
}

// TestRaceDetectorReportsCountRacy runs TestRacy under `go test -race` and
// checks that the race detector fails it and names the racy function.
func TestRaceDetectorReportsCountRacy(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the package again under -race: skipped with -short")
	}
	t.Parallel()
	// go test puts its own Go's bin directory first on the PATH of the
	// tests, so "go" here is the go that runs this test.
	cmd := exec.Command("go", "test", "-race", "-count=1", "-run=^TestRacy$", ".")
	cmd.Env = append(os.Environ(), raceDemo+"=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("go test -race passed; want it to report the race:\n%s", out)
	}
	for _, want := range []string{"WARNING: DATA RACE", "racy.CountRacy", "race detected during execution of test"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the race report lacks %q:\n%s", want, out)
		}
	}
}

// ANCHOR_END: detector
