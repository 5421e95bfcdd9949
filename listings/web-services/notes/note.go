// What a note is, what a client may send to create one, and the rules a
// new note must satisfy. No HTTP and no SQL here.

package main

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The longest title and body, in characters (runes, not bytes), that both
// twins accept.
const (
	maxTitleChars = 200
	maxBodyChars  = 10_000
)

// ANCHOR: types
// Note is a stored note, as the API returns it.
type Note struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	Body  string `json:"body"`
}

// NewNote is the JSON a client sends to create a note. A missing field
// decodes as the empty string, which Validate then rejects.
type NewNote struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

// ANCHOR_END: types

// ANCHOR: validate
// Validate checks the rules a note must follow before it is stored,
// returning an error whose message is meant for the client.
func (n NewNote) Validate() error {
	if strings.TrimSpace(n.Title) == "" {
		return fmt.Errorf("title must not be empty")
	}
	if utf8.RuneCountInString(n.Title) > maxTitleChars {
		return fmt.Errorf("title must be at most %d characters", maxTitleChars)
	}
	if utf8.RuneCountInString(n.Body) > maxBodyChars {
		return fmt.Errorf("body must be at most %d characters", maxBodyChars)
	}
	return nil
}

// ANCHOR_END: validate
