// Tests of the job kinds: parsing a spec and running each kind.

package main

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestParseTask(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		json    string
		invalid bool
	}{
		{"wordcount", `{"kind":"wordcount","payload":{"text":"a b"}}`, false},
		{"sleep", `{"kind":"sleep","payload":{"ms":5}}`, false},
		{"longest sleep", `{"kind":"sleep","payload":{"ms":10000}}`, false},
		{"too long a sleep", `{"kind":"sleep","payload":{"ms":10001}}`, true},
		{"unknown kind", `{"kind":"explode","payload":{}}`, true},
		{"missing field", `{"kind":"sleep","payload":{}}`, true},
		{"missing kind", `{"payload":{"ms":5}}`, true},
		{"missing payload", `{"kind":"fail"}`, true},
		{"wrong type", `{"kind":"sleep","payload":{"ms":"soon"}}`, true},
		{"spin", `{"kind":"spin","payload":{"parties":2,"ms":100}}`, false},
		{"spin for no one", `{"kind":"spin","payload":{"parties":0,"ms":100}}`, true},
		{"spin for too many", `{"kind":"spin","payload":{"parties":65,"ms":100}}`, true},
		{"spin too long", `{"kind":"spin","payload":{"parties":2,"ms":10001}}`, true},
		{"panic", `{"kind":"panic","payload":{"message":"boom"}}`, false},
		{"panic without a message", `{"kind":"panic","payload":{}}`, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var spec Spec
			if err := json.Unmarshal([]byte(tc.json), &spec); err != nil {
				t.Fatal(err)
			}
			_, err := ParseTask(spec)
			if got := errors.Is(err, errInvalid); got != tc.invalid {
				t.Errorf("ParseTask(%s) error = %v, want invalid: %v", tc.json, err, tc.invalid)
			}
		})
	}
}

func TestWordcount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text   string
		words, bytes int
	}{
		{"empty", "", 0, 0},
		{"one word", "gopher", 1, 6},
		{"runs of spaces", "  a \t b\n c  ", 3, 12},
		{"non-ASCII", "héllo wörld", 2, 13},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := (&wordcount{Text: &tc.text}).Run()
			want := Count{Words: tc.words, Bytes: tc.bytes}
			if err != nil || got != want {
				t.Errorf("Run() = %v, %v; want %v", got, err, want)
			}
		})
	}
}
