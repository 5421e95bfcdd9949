// Package userstore is a small user store whose errors follow Go's
// conventions: sentinel errors a caller tests with errors.Is, wrapping
// with %w to add context, and the standard library's *fs.PathError,
// found with errors.AsType, for storage failures. Users live in a text file,
// one name per line, the line number being the user's id.
package userstore

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"unicode/utf8"
)

// ANCHOR: errors
// Sentinel errors: callers compare with errors.Is, never with ==, since
// the store wraps them with the details of the call.
var (
	ErrNotFound      = errors.New("user not found")
	ErrAlreadyExists = errors.New("user already exists")
	ErrInvalidName   = errors.New("a user name must be one non-empty line")
	ErrNotText       = errors.New("file is not UTF-8 text")
)

// ANCHOR_END: errors

// User is a user of the store.
type User struct {
	ID   uint64
	Name string
}

// Store keeps users in memory and appends them to a file as they are
// added.
type Store struct {
	path  string
	names []string
}

// ANCHOR: store
// Open opens the store kept in path; a missing file is an empty store.
func Open(path string) (*Store, error) {
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		// The *fs.PathError already names the operation and the file.
		return nil, fmt.Errorf("user store: %w", err)
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("user store: read %s: %w", path, ErrNotText)
	}
	var names []string
	for line := range strings.Lines(string(data)) {
		names = append(names, strings.TrimRight(line, "\r\n"))
	}
	return &Store{path: path, names: names}, nil
}

// Get returns the user with the given id.
func (s *Store) Get(id uint64) (User, error) {
	if id == 0 || id > uint64(len(s.names)) {
		return User{}, fmt.Errorf("get user %d: %w", id, ErrNotFound)
	}
	return User{ID: id, Name: s.names[id-1]}, nil
}

// Add adds a user and writes it to the file before anyone can see it.
func (s *Store) Add(name string) (User, error) {
	if name == "" || strings.ContainsAny(name, "\r\n") {
		return User{}, fmt.Errorf("add user %q: %w", name, ErrInvalidName)
	}
	if slices.Contains(s.names, name) {
		return User{}, fmt.Errorf("add user %q: %w", name, ErrAlreadyExists)
	}
	f, err := os.OpenFile(s.path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return User{}, fmt.Errorf("user store: %w", err)
	}
	_, err = fmt.Fprintln(f, name)
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return User{}, fmt.Errorf("user store: %w", err)
	}
	s.names = append(s.names, name)
	return User{ID: uint64(len(s.names)), Name: name}, nil
}

// ANCHOR_END: store
