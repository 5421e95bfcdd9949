// The chat protocol, as in protocol.rs: JSON text frames whose "type"
// field says which message they are. See that file for the table of frames,
// error codes and close codes; this one must say the same.

package main

import (
	"encoding/json"
	"fmt"
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

// clientFrame is the JSON shape of every client frame. Pointers tell a
// missing field from an empty one.
type clientFrame struct {
	Type string  `json:"type"`
	Name *string `json:"name"`
	Text *string `json:"text"`
}

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
// connection stays open.
func parse(data []byte) (clientMessage, *refusal) {
	var f clientFrame
	if err := json.Unmarshal(data, &f); err != nil {
		if !json.Valid(data) {
			return nil, refuse(codeMalformed, "%v", err)
		}
		return nil, refuse(codeBadMessage, "%v", err)
	}
	switch f.Type {
	case "join":
		if f.Name == nil {
			return nil, refuse(codeBadMessage, `join needs a string "name"`)
		}
		return joinMsg{Name: *f.Name}, nil
	case "message":
		if f.Text == nil {
			return nil, refuse(codeBadMessage, `message needs a string "text"`)
		}
		return sayMsg{Text: *f.Text}, nil
	case "leave":
		return leaveMsg{}, nil
	default:
		return nil, refuse(codeBadMessage, "unknown type %q", f.Type)
	}
}

// ANCHOR_END: parse

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
