// A fuzz target for the chat protocol's parser. go test runs its seeds;
// go test -fuzz=FuzzParse runs it on generated frames (see the README).

package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzParse gives parse any bytes. Whatever they are, parse must not panic
// and must return a message or a refusal, never both or neither; it must
// refuse as malformed exactly the frames that are not JSON; and a message
// it accepts, sent again as a client would write it, must parse to the
// same message.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		`{"type":"join","name":"ada"}`,
		`{"type":"message","text":"hi"}`,
		`{"type":"leave","why":"bored"}`,
		`{"type":"join","name":"ada","name":"bob"}`,
		`{"TYPE":"join","NAME":"ada"}`,
		`{"type":"message","text":"\ud83d\ude00 \ud800"}`,
		`{"type":"message","text":"\\ud800"}`,
		`{"type":"leave","x":` + strings.Repeat("[", 127) + strings.Repeat("]", 127) + `}`,
		`["join","ada"]`,
		`{nope`,
		"{\"type\":\"message\",\"text\":\"\xff\"}",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, frame []byte) {
		msg, refused := parse(frame)
		if (msg == nil) == (refused == nil) {
			t.Fatalf("parse(%q) = %#v, %v; want a message or a refusal", frame, msg, refused)
		}
		malformed := refused != nil && refused.Code == codeMalformed
		if malformed == json.Valid(frame) {
			t.Fatalf("parse(%q) refused it with %v, but json.Valid says %v", frame, refused, json.Valid(frame))
		}
		if msg == nil {
			return
		}
		again, refused := parse(written(t, msg))
		if refused != nil || again != msg {
			t.Fatalf("parse(%q) = %#v, but sent again it parses to %#v, %v", frame, msg, again, refused)
		}
	})
}

// written is msg as a client writes it.
func written(t *testing.T, msg clientMessage) []byte {
	var fields map[string]string
	switch msg := msg.(type) {
	case joinMsg:
		fields = map[string]string{"type": "join", "name": msg.Name}
	case sayMsg:
		fields = map[string]string{"type": "message", "text": msg.Text}
	case leaveMsg:
		fields = map[string]string{"type": "leave"}
	}
	data, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
