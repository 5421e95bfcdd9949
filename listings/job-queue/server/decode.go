// Reading a job from a request body as strictly as the contract says, and
// as the Rust twin's serde_json does.
//
// encoding/json is lenient where the contract is not: it matches names
// ignoring case ("KIND" for "kind"), replaces invalid UTF-8 and lone
// surrogates with U+FFFD, nests 10,000 deep, and skips numbers too large for
// any Go type when it skips an unknown member. ParseSpec refuses those, so
// both twins give the same answer to the same bytes.

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of arrays and objects a body may have,
// the limit serde_json keeps.
const MaxDepth = 127

// errMalformed marks a body that is not JSON as the contract reads it.
var errMalformed = errors.New("malformed JSON")

// ParseSpec reads a job from a request body. The error wraps errMalformed
// when the body is not JSON, errInvalid when it is not a job.
func ParseSpec(body []byte) (Spec, error) {
	if err := checkJSON(body); err != nil {
		return Spec{}, fmt.Errorf("%w: %v", errMalformed, err)
	}
	var spec Spec
	if err := decodeObject(body, &spec); err != nil {
		return Spec{}, fmt.Errorf("%w: %v", errInvalid, err)
	}
	return spec, nil
}

// checkJSON reports what is wrong with data as JSON: a syntax error,
// invalid UTF-8, a lone surrogate, nesting deeper than MaxDepth, or a
// number beyond float64.
func checkJSON(data []byte) error {
	if !utf8.Valid(data) {
		return errors.New("the body is not UTF-8")
	}
	var whole json.RawMessage
	if err := json.Unmarshal(data, &whole); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	depth := 0
	for {
		start := dec.InputOffset()
		token, err := dec.Token()
		if err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		switch t := token.(type) {
		case json.Delim:
			if t == '{' || t == '[' {
				depth++
				if depth > MaxDepth {
					return fmt.Errorf("nested deeper than %d", MaxDepth)
				}
			} else {
				depth--
			}
		case json.Number:
			if f, _ := strconv.ParseFloat(string(t), 64); math.IsInf(f, 0) {
				return fmt.Errorf("number %s is out of range", t)
			}
		case string:
			// The token is decoded; its escapes are in the raw bytes.
			if hasLoneSurrogate(data[start:dec.InputOffset()]) {
				return fmt.Errorf("lone surrogate in the string %q", t)
			}
		}
	}
}

// hasLoneSurrogate reports whether raw, the text of a JSON string, has a
// \u escape of half a UTF-16 surrogate pair without its other half.
func hasLoneSurrogate(raw []byte) bool {
	hex := func(at int) rune {
		if at+6 > len(raw) || raw[at] != '\\' || raw[at+1] != 'u' {
			return -1
		}
		n, err := strconv.ParseUint(string(raw[at+2:at+6]), 16, 32)
		if err != nil {
			return -1
		}
		return rune(n)
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		switch r := hex(i); {
		case r >= 0xD800 && r < 0xDC00:
			if low := hex(i + 6); low < 0xDC00 || low >= 0xE000 {
				return true
			}
			i += 11
		case r >= 0xDC00 && r < 0xE000:
			return true
		default:
			i++ // the escaped character, so `\\u` is a backslash and a u
		}
	}
	return false
}

// ANCHOR: decode
// decodeObject decodes the JSON object data into the struct v points to,
// as json.Unmarshal does but with names matched exactly. A name given twice
// counts with its last value, as json.Unmarshal (and serde_json) read it.
func decodeObject(data []byte, v any) error {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return err
	}
	if members == nil {
		return errors.New("expected an object, got null")
	}
	s := reflect.ValueOf(v).Elem()
	for i := range s.NumField() {
		name, _, _ := strings.Cut(s.Type().Field(i).Tag.Get("json"), ",")
		if raw, ok := members[name]; ok {
			if err := json.Unmarshal(raw, s.Field(i).Addr().Interface()); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	return nil
}

// ANCHOR_END: decode
