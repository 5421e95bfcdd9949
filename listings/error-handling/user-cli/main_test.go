package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	userstore "example.com/gotorust/error-handling/user-store"
)

// ANCHOR: tests
func TestRun(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "users.txt")
	badFile := filepath.Join(dir, "not-text.txt")
	if err := os.WriteFile(badFile, []byte("\xff\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The cases run in order: "get" reads what "add" wrote.
	cases := []struct {
		name     string
		args     []string
		want     string
		wantErr  string
		wantCode int
	}{
		{"add", []string{file, "add", "ana"}, "added user 1", "", 0},
		{"get", []string{file, "get", "1"}, "ana", "", 0},
		{"unknown user", []string{file, "get", "9"}, "",
			"get user 9: user not found", 2},
		{"not a number", []string{file, "get", "x"}, "",
			`bad user id: strconv.ParseUint: parsing "x": invalid syntax`, 1},
		{"name taken", []string{file, "add", "ana"}, "",
			`add user "ana": user already exists`, 1},
		{"storage", []string{badFile, "get", "1"}, "",
			"user store: read " + badFile + ": file is not UTF-8 text", 1},
		{"usage", []string{file}, "", "usage: users FILE (add NAME | get ID)", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := run(tc.args)
			if tc.wantErr == "" {
				if err != nil || got != tc.want {
					t.Fatalf("run(%q) = %q, %v; want %q", tc.args, got, err, tc.want)
				}
				return
			}
			if err == nil || err.Error() != tc.wantErr {
				t.Fatalf("run(%q) error = %v, want %q", tc.args, err, tc.wantErr)
			}
			if code := exitCode(err); code != tc.wantCode {
				t.Errorf("exitCode = %d, want %d", code, tc.wantCode)
			}
		})
	}
}

// A not-found error wrapped twice more still gets its exit code: errors.Is
// walks every %w in the chain.
func TestExitCodeLooksDownTheChain(t *testing.T) {
	err := fmt.Errorf("batch: %w", fmt.Errorf("user 9: %w", userstore.ErrNotFound))
	if code := exitCode(err); code != 2 {
		t.Errorf("exitCode(%v) = %d, want 2", err, code)
	}
}

// ANCHOR_END: tests
