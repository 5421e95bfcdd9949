package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestGoroutinesAgree(t *testing.T) {
	cases := []struct {
		name    string
		n, want uint64
	}{
		{"nothing", 0, 0},
		{"one", 1, 1},
		{"three", 3, 14},
		{"ten", 10, 385},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := InGoroutine(tc.n); got != tc.want {
				t.Errorf("InGoroutine(%d) = %d, want %d", tc.n, got, tc.want)
			}
		})
	}
	if x, y := Both(10, 100); x != 385 || y != 338_350 {
		t.Errorf("Both(10, 100) = %d, %d", x, y)
	}
}

// ANCHOR: panic
// TestPanicInGoroutineEndsTheProgram reruns this test binary with
// PANIC_IN_GOROUTINE set: then a goroutine panics, nobody recovers it, and
// the whole process exits, not only the goroutine.
func TestPanicInGoroutineEndsTheProgram(t *testing.T) {
	if os.Getenv("PANIC_IN_GOROUTINE") == "1" {
		done := make(chan struct{})
		go func() {
			var empty []uint64
			_ = empty[0] // panics: index out of range
			close(done)
		}()
		<-done
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestPanicInGoroutineEndsTheProgram$")
	cmd.Env = append(os.Environ(), "PANIC_IN_GOROUTINE=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the child exited 0; want a crash. Output:\n%s", out)
	}
	if !strings.Contains(string(out), "panic: runtime error: index out of range") {
		t.Errorf("the child's output lacks the panic:\n%s", out)
	}
}

// ANCHOR_END: panic
