// The chat protocol, as in protocol.rs: JSON text frames whose "type"
// field says which message they are. See that file for the table of frames,
// error codes and close codes; this one must say the same.

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
)

// ANCHOR: client
// clientMessage is one of joinMsg, sayMsg or leaveMsg. The unexported
// method closes the set: no other package can add a kind. Nothing makes a
// type switch over it handle all three, though.
type clientMessage interface{ isClientMessage() }

type joinMsg struct{ Name string }
type sayMsg struct{ Text string }
type leaveMsg struct{}

func (joinMsg) isClientMessage()  {}
func (sayMsg) isClientMessage()   {}
func (leaveMsg) isClientMessage() {}

// ANCHOR_END: client

// The error codes of the protocol.
const (
	codeMalformed     = "malformed"
	codeBadMessage    = "bad_message"
	codeNotJoined     = "not_joined"
	codeAlreadyJoined = "already_joined"
	codeInvalidName   = "invalid_name"
	codeNameTaken     = "name_taken"
	codeJoinTimeout   = "join_timeout"
	codeRateLimited   = "rate_limited"
	codeLagged        = "lagged"
)

// refusal is a frame the server refuses, with the error frame to answer it.
type refusal struct {
	Code    string
	Message string
}

func (r *refusal) Error() string { return r.Code + ": " + r.Message }

func refuse(code, format string, args ...any) *refusal {
	return &refusal{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ANCHOR: parse
// parse reads one text frame. A refusal is the frame to send back; the
// connection stays open. Keys are read as serde reads them in protocol.rs:
// as spelled (encoding/json would also match "TYPE"), a field of the
// message given twice is refused (encoding/json would keep the last), and
// fields the message does not have are ignored, whatever their value.
func parse(data []byte) (clientMessage, *refusal) {
	if !json.Valid(data) {
		var v any
		return nil, refuse(codeMalformed, "%v", json.Unmarshal(data, &v))
	}
	if loneSurrogate(data) {
		return nil, refuse(codeBadMessage, "a \\u escape is half of a UTF-16 pair")
	}
	if nestedTooDeep(data) {
		return nil, refuse(codeBadMessage, "nested %d levels deep or more", maxDepth)
	}
	fields, err := objectFields(data)
	if err != nil {
		return nil, refuse(codeBadMessage, "%v", err)
	}
	var kind, value string
	if err := stringField(fields, "type", &kind); err != nil {
		return nil, refuse(codeBadMessage, "%v", err)
	}
	switch kind {
	case "join":
		if err := stringField(fields, "name", &value); err != nil {
			return nil, refuse(codeBadMessage, "join needs one string %v", err)
		}
		return joinMsg{Name: value}, nil
	case "message":
		if err := stringField(fields, "text", &value); err != nil {
			return nil, refuse(codeBadMessage, "message needs one string %v", err)
		}
		return sayMsg{Text: value}, nil
	case "leave":
		return leaveMsg{}, nil
	default:
		return nil, refuse(codeBadMessage, "unknown type %q", kind)
	}
}

// ANCHOR_END: parse

// objectFields splits a valid JSON text that is an object into the raw
// values of its keys, a key given twice keeping both.
func objectFields(data []byte) (map[string][]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if start, _ := dec.Token(); start != json.Delim('{') {
		return nil, errors.New("a frame is a JSON object")
	}
	fields := make(map[string][]json.RawMessage)
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, err
		}
		fields[key.(string)] = append(fields[key.(string)], value)
	}
	return fields, nil
}

// maxDepth is the nesting at which serde_json stops (its recursion
// limit), so the Rust twin refuses such a frame; this twin refuses it too.
const maxDepth = 128

// nestedTooDeep reports whether valid JSON nests maxDepth arrays and
// objects or more.
func nestedTooDeep(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	depth := 0
	for {
		token, err := dec.Token()
		if err != nil {
			return false
		}
		switch token {
		case json.Delim('{'), json.Delim('['):
			if depth++; depth >= maxDepth {
				return true
			}
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
}

// loneSurrogate reports whether valid JSON has a \u escape of half a UTF-16
// surrogate pair without the other half. encoding/json turns it into
// U+FFFD; serde_json refuses it, as it is no Unicode character, and so
// does this twin.
func loneSurrogate(data []byte) bool {
	escape := func(i int) (rune, bool) { // the \uXXXX at data[i:], if any
		if i+6 > len(data) || data[i] != '\\' || data[i+1] != 'u' {
			return 0, false
		}
		n, err := strconv.ParseUint(string(data[i+2:i+6]), 16, 16)
		return rune(n), err == nil
	}
	for i := 0; i < len(data); i++ {
		if data[i] != '\\' {
			continue
		}
		r, ok := escape(i)
		switch {
		case !ok:
			i++ // a two-byte escape such as \\ or \"
		case utf16.IsSurrogate(r) && r < 0xdc00:
			low, ok := escape(i + 6)
			if !ok || !utf16.IsSurrogate(low) || low < 0xdc00 {
				return true
			}
			i += 11
		case utf16.IsSurrogate(r):
			return true
		default:
			i += 5
		}
	}
	return false
}

// stringField stores the one value of key, which must be a string.
func stringField(fields map[string][]json.RawMessage, key string, into *string) error {
	values := fields[key]
	if len(values) != 1 {
		return fmt.Errorf("%q (given %d times)", key, len(values))
	}
	var s *string
	if err := json.Unmarshal(values[0], &s); err != nil || s == nil {
		return fmt.Errorf("%q, not %s", key, values[0])
	}
	*into = *s
	return nil
}

// The server's frames. Field order is the order on the wire.
type joinedFrame struct {
	Type    string   `json:"type"`
	Name    string   `json:"name"`
	Members []string `json:"members,omitempty"`
}

type messageFrame struct {
	Type string `json:"type"`
	From string `json:"from"`
	Text string `json:"text"`
}

type leftFrame struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

type errorFrame struct {
	Type    string `json:"type"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// encode cannot fail for these frames: they hold only strings.
func encode(frame any) []byte {
	data, err := json.Marshal(frame)
	if err != nil {
		panic(fmt.Sprintf("encoding %#v: %v", frame, err))
	}
	return data
}

// joined announces name; members is set only in the answer to your own join.
func joined(name string, members []string) []byte {
	return encode(joinedFrame{Type: "joined", Name: name, Members: members})
}

func message(from, text string) []byte {
	return encode(messageFrame{Type: "message", From: from, Text: text})
}

func left(name string) []byte { return encode(leftFrame{Type: "left", Name: name}) }

func (r *refusal) frame() []byte {
	return encode(errorFrame{Type: "error", Code: r.Code, Message: r.Message})
}
