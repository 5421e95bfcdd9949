package userstore

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ANCHOR: tests
func TestErrorsCallersCanTellApart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users.txt")
	store, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Add("ana"); err != nil {
		t.Fatal(err)
	}
	_, unknown := store.Get(7)
	_, zero := store.Get(0)
	_, twice := store.Add("ana")
	_, empty := store.Add("")

	cases := []struct {
		name string
		err  error
		is   error
		want string
	}{
		{"unknown id", unknown, ErrNotFound, "get user 7: user not found"},
		{"id zero", zero, ErrNotFound, "get user 0: user not found"},
		{"same name twice", twice, ErrAlreadyExists, `add user "ana": user already exists`},
		{"empty name", empty, ErrInvalidName,
			`add user "": a user name must be one non-empty line`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, tc.is) {
				t.Errorf("errors.Is(%v, %v) = false", tc.err, tc.is)
			}
			if tc.err.Error() != tc.want {
				t.Errorf("message %q, want %q", tc.err, tc.want)
			}
		})
	}
	// Nothing failed halfway: the file holds exactly the one user.
	if data, _ := os.ReadFile(path); string(data) != "ana\n" {
		t.Errorf("file holds %q, want %q", data, "ana\n")
	}
}

func TestUsersSurviveReopening(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users.txt")
	store, _ := Open(path)
	for _, name := range []string{"ana", "bo"} {
		if _, err := store.Add(name); err != nil {
			t.Fatal(err)
		}
	}
	store, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := store.Get(2); err != nil || got != (User{ID: 2, Name: "bo"}) {
		t.Errorf("Get(2) = %v, %v", got, err)
	}
}

func TestStorageFailuresKeepTheirCause(t *testing.T) {
	dir := t.TempDir()
	notText := filepath.Join(dir, "not-text.txt")
	if err := os.WriteFile(notText, []byte("ana\n\xff\xfe\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	noDir := filepath.Join(dir, "missing", "users.txt")

	_, unreadable := Open(notText)
	store, _ := Open(noDir)
	_, unwritable := store.Add("ana")

	cases := []struct {
		name       string
		err        error
		wantPrefix string
		is         error
	}{
		{"file is not text", unreadable, "user store: read " + notText, ErrNotText},
		{"directory is missing", unwritable, "user store: open " + noDir, fs.ErrNotExist},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.HasPrefix(tc.err.Error(), tc.wantPrefix+": ") {
				t.Errorf("message %q, want prefix %q", tc.err, tc.wantPrefix)
			}
			if !errors.Is(tc.err, tc.is) {
				t.Errorf("errors.Is(%v, %v) = false", tc.err, tc.is)
			}
		})
	}
	// errors.AsType finds the standard library's error in the chain, with
	// the operation and file it was about.
	pathErr, ok := errors.AsType[*fs.PathError](unwritable)
	if !ok || pathErr.Op != "open" || pathErr.Path != noDir {
		t.Errorf("errors.AsType(%v) found %#v", unwritable, pathErr)
	}
}

// ANCHOR_END: tests
