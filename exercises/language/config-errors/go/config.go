// Package config reads a small configuration file of `key = value` lines,
// and says which line is wrong and how when it cannot: the Go original of
// the config-errors exercise, which the reader ports to Rust.
package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Config is what a file sets. Name and Port are required; Debug is false
// unless the file says otherwise.
type Config struct {
	Name  string
	Port  int
	Debug bool
}

// The kinds of error, for errors.Is.
var (
	ErrNoEquals   = errors.New("expected key = value")
	ErrUnknownKey = errors.New("unknown key")
	ErrBadValue   = errors.New("bad value")
	ErrMissing    = errors.New("missing key")
)

// ParseError is an error at one line (Line is 0 for a missing key), of the
// kind Err, about Key and Value where they are known.
type ParseError struct {
	Line  int
	Key   string
	Value string
	Err   error
}

func (e *ParseError) Error() string {
	switch e.Err {
	case ErrUnknownKey:
		return fmt.Sprintf("line %d: unknown key %q", e.Line, e.Key)
	case ErrBadValue:
		return fmt.Sprintf("line %d: bad value %q for %s", e.Line, e.Value, e.Key)
	case ErrMissing:
		return fmt.Sprintf("missing key %q", e.Key)
	default:
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
}

func (e *ParseError) Unwrap() error { return e.Err }

// Parse reads text: one `key = value` per line, with spaces around the key
// and the value ignored; blank lines and lines starting with # are skipped.
// The keys are name (any text but empty), port (1 to 65535) and debug (true
// or false); a key given twice keeps its last value. It returns the first
// error, as a *ParseError.
func Parse(text string) (Config, error) {
	var config Config
	seen := make(map[string]bool)
	for i, line := range strings.Split(text, "\n") {
		number := i + 1
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			return Config{}, &ParseError{Line: number, Err: ErrNoEquals}
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		bad := &ParseError{Line: number, Key: key, Value: value, Err: ErrBadValue}
		switch key {
		case "name":
			if value == "" {
				return Config{}, bad
			}
			config.Name = value
		case "port":
			port, err := strconv.Atoi(value)
			if err != nil || port < 1 || port > 65535 {
				return Config{}, bad
			}
			config.Port = port
		case "debug":
			debug, ok := map[string]bool{"true": true, "false": false}[value]
			if !ok {
				return Config{}, bad
			}
			config.Debug = debug
		default:
			return Config{}, &ParseError{Line: number, Key: key, Err: ErrUnknownKey}
		}
		seen[key] = true
	}
	for _, key := range []string{"name", "port"} {
		if !seen[key] {
			return Config{}, &ParseError{Key: key, Err: ErrMissing}
		}
	}
	return config, nil
}
