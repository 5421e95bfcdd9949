package main

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		in   NewNote
		ok   bool
	}{
		{"a plain note is fine", NewNote{"groceries", "milk"}, true},
		{"an empty body is fine", NewNote{"title only", ""}, true},
		{"the title is required", NewNote{"", "text"}, false},
		{"a blank title counts as empty", NewNote{" \t", "text"}, false},
		{"the limit counts characters", NewNote{strings.Repeat("é", maxTitleChars), ""}, true},
		{"one character too many", NewNote{strings.Repeat("é", maxTitleChars+1), ""}, false},
		{"the body has a limit too", NewNote{"t", strings.Repeat("x", maxBodyChars+1)}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.in.Validate()
			if (err == nil) != tc.ok {
				t.Errorf("Validate() = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}
