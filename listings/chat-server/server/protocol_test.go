package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// ANCHOR: tests
func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		frame string
		want  clientMessage
		code  string // the refusal's code, when want is nil
	}{
		{"join", `{"type":"join","name":"ada"}`, joinMsg{Name: "ada"}, ""},
		{"message", `{"type":"message","text":"hi"}`, sayMsg{Text: "hi"}, ""},
		{"leave", `{"type":"leave"}`, leaveMsg{}, ""},
		{"extra fields are ignored", `{"type":"leave","why":"bored"}`, leaveMsg{}, ""},
		{"not json", `{nope`, nil, codeMalformed},
		{"empty frame", ``, nil, codeMalformed},
		{"cut short", `[1,`, nil, codeMalformed},
		{"unknown type", `{"type":"shout","text":"HI"}`, nil, codeBadMessage},
		{"no type", `{"text":"hi"}`, nil, codeBadMessage},
		{"missing field", `{"type":"join"}`, nil, codeBadMessage},
		{"wrong field type", `{"type":"message","text":5}`, nil, codeBadMessage},
		{"not an object", `[1,2]`, nil, codeBadMessage},
		{"a list in the shape of a join", `["join","ada"]`, nil, codeBadMessage},
		{"keys as spelled", `{"TYPE":"join","NAME":"ada"}`, nil, codeBadMessage},
		{"a field given twice", `{"type":"join","name":"ada","name":"bob"}`, nil, codeBadMessage},
		{"fields of other messages are ignored", `{"type":"leave","text":5}`, leaveMsg{}, ""},
		{"a lone surrogate", `{"type":"message","text":"\ud800"}`, nil, codeBadMessage},
		{"a lone low surrogate, elsewhere", `{"type":"leave","x":"\udc00"}`, nil, codeBadMessage},
		{"a pair", `{"type":"message","text":"\ud83d\ude00"}`, sayMsg{Text: "😀"}, ""},
		{"an escaped backslash", `{"type":"message","text":"\\ud800"}`, sayMsg{Text: `\ud800`}, ""},
		{"127 levels deep", `{"type":"leave","x":` + strings.Repeat("[", 126) +
			strings.Repeat("]", 126) + `}`, leaveMsg{}, ""},
		{"128 levels deep", `{"type":"leave","x":` + strings.Repeat("[", 127) +
			strings.Repeat("]", 127) + `}`, nil, codeBadMessage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, refused := parse([]byte(tc.frame))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("parse(%q) = %#v, want %#v", tc.frame, got, tc.want)
			}
			code := ""
			if refused != nil {
				code = refused.Code
			}
			if code != tc.code {
				t.Errorf("parse(%q) refused with %q, want %q", tc.frame, code, tc.code)
			}
		})
	}
}

// ANCHOR_END: tests

func TestServerFrames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		frame []byte
		want  string
	}{
		{"welcome", joined("ada", []string{"ada"}), `{"type":"joined","name":"ada","members":["ada"]}`},
		{"someone joined", joined("bob", nil), `{"type":"joined","name":"bob"}`},
		{"message", message("ada", "hi"), `{"type":"message","from":"ada","text":"hi"}`},
		{"left", left("bob"), `{"type":"left","name":"bob"}`},
		{"error", refuse(codeRateLimited, "slow down").frame(), `{"type":"error","code":"rate_limited","message":"slow down"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if string(tc.frame) != tc.want {
				t.Errorf("got %s, want %s", tc.frame, tc.want)
			}
			if !json.Valid(tc.frame) {
				t.Errorf("%s is not JSON", tc.frame)
			}
		})
	}
}
