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
	badFile := filepath.Join(t.TempDir(), "not-text.txt")
	if err := os.WriteFile(badFile, []byte("\xff\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Each case gets a store of its own that holds ana as user 1, so a
	// case can run alone: go test -run 'TestRun/get'.
	cases := []struct {
		name     string
		args     []string // after the file
		file     string   // "" for the case's own store
		want     string
		wantErr  string
		wantCode int
	}{
		{"add", []string{"add", "bo"}, "", "added user 2", "", 0},
		{"get", []string{"get", "1"}, "", "ana", "", 0},
		{"unknown user", []string{"get", "9"}, "", "",
			"get user 9: user not found", 2},
		{"not a number", []string{"get", "x"}, "", "",
			`bad user id: strconv.ParseUint: parsing "x": invalid syntax`, 1},
		{"name taken", []string{"add", "ana"}, "", "",
			`add user "ana": user already exists`, 1},
		{"storage", []string{"get", "1"}, badFile, "",
			"user store: read " + badFile + ": file is not UTF-8 text", 1},
		{"usage", nil, "", "", "usage: users FILE (add NAME | get ID)", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			file := tc.file
			if file == "" {
				file = filepath.Join(t.TempDir(), "users.txt")
				if _, err := run([]string{file, "add", "ana"}); err != nil {
					t.Fatal(err)
				}
			}
			args := append([]string{file}, tc.args...)
			got, err := run(args)
			if tc.wantErr == "" {
				if err != nil || got != tc.want {
					t.Fatalf("run(%q) = %q, %v; want %q", args, got, err, tc.want)
				}
				return
			}
			if err == nil || err.Error() != tc.wantErr {
				t.Fatalf("run(%q) error = %v, want %q", args, err, tc.wantErr)
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
