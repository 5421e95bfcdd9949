// A fuzz target for reading a job from a request body. go test runs its
// seeds; go test -fuzz=FuzzParseJob runs it on generated bodies (see the
// README).

package main

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseJob reads any bytes as a job, as submit does: ParseSpec, then
// ParseTask. Whatever the bytes, neither may panic; a refusal is malformed
// or invalid, never both or neither, and a body that is not JSON is
// malformed; what is accepted is UTF-8 JSON; and a spec, written back as
// JSON, must read as the same task, or be refused the same way.
func FuzzParseJob(f *testing.F) {
	for _, seed := range []string{
		`{"kind":"sleep","payload":{"ms":1}}`,
		`{"kind":"wordcount","payload":{"text":"two words"}}`,
		`{"kind":"fail","payload":{"message":"no"},"extra":[1e400]}`,
		`{"kind":"spin","payload":{"parties":2,"ms":5}}`,
		`{"kind":"sleep","payload":{"ms":10001}}`,
		`{"\u006bind":"fail","kind":"sleep","payload":{"MS":1}}`,
		`{"kind":"fail","payload":{"message":"\ud83d\ude00 \ud800"}}`,
		`{"kind":"fail","payload":{"message":"m"},"x":` + strings.Repeat("[", 127) + strings.Repeat("]", 127) + `}`,
		`{"kind":"fail","payload":null}`,
		`["sleep",{"ms":1}]`,
		"{\"kind\":\"\xff\"}",
		`{"kind":`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		spec, err := ParseSpec(body)
		if err != nil {
			if errors.Is(err, errMalformed) == errors.Is(err, errInvalid) {
				t.Fatalf("ParseSpec(%q) = %v; want an error that is malformed or invalid", body, err)
			}
			if !json.Valid(body) && !errors.Is(err, errMalformed) {
				t.Fatalf("ParseSpec(%q) = %v; the body is not JSON, so want malformed", body, err)
			}
			return
		}
		if !utf8.Valid(body) || !json.Valid(body) {
			t.Fatalf("ParseSpec(%q) accepted a body that is not UTF-8 JSON", body)
		}
		task, err := ParseTask(spec)
		if err != nil && !errors.Is(err, errInvalid) {
			t.Fatalf("ParseTask(%+v) = %v; want an invalid job", spec, err)
		}
		written, err2 := json.Marshal(spec)
		if err2 != nil {
			t.Fatalf("writing %+v back: %v", spec, err2)
		}
		again, err2 := ParseSpec(written)
		if err2 != nil {
			t.Fatalf("ParseSpec(%q), written back from %q: %v", written, body, err2)
		}
		task2, err2 := ParseTask(again)
		if (err == nil) != (err2 == nil) || !reflect.DeepEqual(task, task2) {
			t.Fatalf("%q reads as %#v, %v; written back as %q, as %#v, %v", body, task, err, written, task2, err2)
		}
	})
}
