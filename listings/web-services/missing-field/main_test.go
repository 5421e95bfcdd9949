package main

import (
	"encoding/json"
	"testing"
)

func TestMissingFieldIsZero(t *testing.T) {
	cases := []struct {
		name, json, title string
	}{
		{"present", `{"title": "a"}`, "a"},
		{"empty", `{"title": ""}`, ""},
		{"missing", `{}`, ""},
		{"null", `{"title": null}`, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var note NewNote
			if err := json.Unmarshal([]byte(tc.json), &note); err != nil {
				t.Fatalf("Unmarshal(%s) = %v, want no error", tc.json, err)
			}
			if note.Title != tc.title {
				t.Errorf("Title = %q, want %q", note.Title, tc.title)
			}
		})
	}
}
