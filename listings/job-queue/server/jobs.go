// The kinds of job the queue runs, and what running one means.
//
// The kinds are few on purpose: one computes something from its payload,
// one always fails, and one sleeps, which lets tests and the benchmark keep
// a worker busy for as long as they need. Two more are there for tests of
// the workers: spin keeps a CPU busy until enough spin jobs run at the same
// moment, and panic panics.

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"
)

// MaxSleepMS is the longest a sleep job may ask for; longer requests are
// refused, so one client cannot hold a worker (or a shutdown) hostage.
const MaxSleepMS = 10_000

// MaxParties is the most spin jobs that may be asked to run at once.
const MaxParties = 64

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

type spin struct {
	Parties *uint64 `json:"parties"`
	MS      *uint64 `json:"ms"`
}

type panicking struct {
	Message *string `json:"message"`
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
	case "spin":
		task = &spin{}
	case "panic":
		task = &panicking{}
	case "":
		return nil, fmt.Errorf("%w: missing field kind", errInvalid)
	default:
		return nil, fmt.Errorf("%w: unknown kind %q, expected one of wordcount, fail, sleep, spin, panic",
			errInvalid, spec.Kind)
	}
	if len(spec.Payload) == 0 {
		return nil, fmt.Errorf("%w: missing field payload", errInvalid)
	}
	if err := decodeObject(spec.Payload, task); err != nil {
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
		return fmt.Errorf("ms must be at most %d, got %d", MaxSleepMS, *t.MS)
	}
	return nil
}

func (t *spin) check() error {
	switch {
	case t.Parties == nil:
		return errors.New("missing field payload.parties")
	case t.MS == nil:
		return errors.New("missing field payload.ms")
	case *t.MS > MaxSleepMS:
		return fmt.Errorf("ms must be at most %d, got %d", MaxSleepMS, *t.MS)
	case *t.Parties < 1 || *t.Parties > MaxParties:
		return fmt.Errorf("spin parties must be from 1 to %d, got %d", MaxParties, *t.Parties)
	}
	return nil
}

func (t *panicking) check() error {
	if t.Message == nil {
		return errors.New("missing field payload.message")
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

// spinArrivals counts the spin jobs that have started, for each number of
// parties.
var spinArrivals [MaxParties + 1]atomic.Uint64

// Run busy-waits, never sleeping, until parties spin jobs have started in
// this job's round: the jobs of a round can only all finish if they run at
// the same moment, on as many threads.
func (t *spin) Run() (any, error) {
	parties, ms := *t.Parties, *t.MS
	arrivals := &spinArrivals[parties]
	roundStart := (arrivals.Add(1) - 1) / parties * parties
	deadline := time.Now().Add(time.Duration(ms) * time.Millisecond)
	for {
		arrived := arrivals.Load() - roundStart
		if arrived >= parties {
			return map[string]uint64{"parties": parties}, nil
		}
		if !time.Now().Before(deadline) {
			return nil, fmt.Errorf("only %d of %d spin jobs ran at once within %d ms", arrived, parties, ms)
		}
	}
}

// Run panics with the message it was given.
func (t *panicking) Run() (any, error) {
	panic(*t.Message)
}
