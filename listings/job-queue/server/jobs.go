// The kinds of job the queue runs, and what running one means.
//
// The kinds are few on purpose: one computes something from its payload,
// one always fails, and one sleeps, which lets tests and the benchmark keep
// a worker busy for as long as they need.

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// MaxSleepMS is the longest a sleep job may ask for; longer requests are
// refused, so one client cannot hold a worker (or a shutdown) hostage.
const MaxSleepMS = 10_000

// ANCHOR: spec
// Spec is what a client asks for: {"kind": "...", "payload": {...}}.
type Spec struct {
	Kind    string          `json:"kind"`
	Payload json.RawMessage `json:"payload"`
}

// Task is a validated job, ready to run.
type Task interface {
	Run() (any, error)
	// check reports what the payload's types cannot: a missing field, a
	// value out of range.
	check() error
}

// Pointer fields tell a missing field from a zero value.
type wordcount struct {
	Text *string `json:"text"`
}

type fail struct {
	Message *string `json:"message"`
}

type sleep struct {
	MS *uint64 `json:"ms"`
}

// ANCHOR_END: spec

// errInvalid marks a job that is well-formed JSON but not a valid job.
var errInvalid = errors.New("invalid job")

// ParseTask checks a spec's kind and payload and returns the task to run.
func ParseTask(spec Spec) (Task, error) {
	var task Task
	switch spec.Kind {
	case "wordcount":
		task = &wordcount{}
	case "fail":
		task = &fail{}
	case "sleep":
		task = &sleep{}
	case "":
		return nil, fmt.Errorf("%w: missing field kind", errInvalid)
	default:
		return nil, fmt.Errorf("%w: unknown kind %q, expected one of wordcount, fail, sleep",
			errInvalid, spec.Kind)
	}
	if len(spec.Payload) == 0 {
		return nil, fmt.Errorf("%w: missing field payload", errInvalid)
	}
	if err := json.Unmarshal(spec.Payload, task); err != nil {
		return nil, fmt.Errorf("%w: payload of %s: %v", errInvalid, spec.Kind, err)
	}
	if err := task.check(); err != nil {
		return nil, fmt.Errorf("%w: %v", errInvalid, err)
	}
	return task, nil
}

func (t *wordcount) check() error {
	if t.Text == nil {
		return errors.New("missing field payload.text")
	}
	return nil
}

func (t *fail) check() error {
	if t.Message == nil {
		return errors.New("missing field payload.message")
	}
	return nil
}

func (t *sleep) check() error {
	switch {
	case t.MS == nil:
		return errors.New("missing field payload.ms")
	case *t.MS > MaxSleepMS:
		return fmt.Errorf("sleep ms must be at most %d, got %d", MaxSleepMS, *t.MS)
	}
	return nil
}

// Count is the result of a wordcount job.
type Count struct {
	Words int `json:"words"`
	Bytes int `json:"bytes"`
}

// Run counts words separated by Unicode white space, and bytes.
func (t *wordcount) Run() (any, error) {
	return Count{Words: len(strings.Fields(*t.Text)), Bytes: len(*t.Text)}, nil
}

// Run fails with the message it was given.
func (t *fail) Run() (any, error) {
	return nil, errors.New(*t.Message)
}

// Run sleeps for the milliseconds it was given.
func (t *sleep) Run() (any, error) {
	time.Sleep(time.Duration(*t.MS) * time.Millisecond)
	return map[string]uint64{"slept_ms": *t.MS}, nil
}
