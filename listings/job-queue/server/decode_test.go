// Tests of reading a job from a request body.

package main

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestParseSpec(t *testing.T) {
	t.Parallel()
	deep := func(n int) string {
		return `{"kind":"fail","payload":{"message":"m"},"x":` +
			strings.Repeat("[", n-1) + strings.Repeat("]", n-1) + `}`
	}
	tests := []struct {
		name, body string
		want       error // nil, errMalformed or errInvalid
		kind       string
	}{
		{"a job", `{"kind":"sleep","payload":{"ms":1}}`, nil, "sleep"},
		{"an escaped name", `{"\u006bind":"sleep","payload":{}}`, nil, "sleep"},
		{"a name given twice", `{"kind":"fail","kind":"sleep","payload":{}}`, nil, "sleep"},
		{"a name in capitals", `{"KIND":"sleep","payload":{}}`, nil, ""},
		{"an array", `["sleep",{"ms":1}]`, errInvalid, ""},
		{"null", `null`, errInvalid, ""},
		{"empty", ``, errMalformed, ""},
		{"trailing data", `{"kind":"sleep"} x`, errMalformed, ""},
		{"invalid UTF-8", "{\"kind\":\"\xff\"}", errMalformed, ""},
		{"a lone high surrogate", `{"kind":"\ud800"}`, errMalformed, ""},
		{"a lone low surrogate", `{"kind":"\udc00"}`, errMalformed, ""},
		{"a high surrogate and a letter", `{"kind":"\ud800\u0041"}`, errMalformed, ""},
		{"a pair", `{"kind":"\ud83d\ude00"}`, nil, "\U0001F600"},
		{"an escaped backslash before u", `{"kind":"\\ud800"}`, nil, `\ud800`},
		{"127 deep", deep(127), nil, "fail"},
		{"128 deep", deep(128), errMalformed, ""},
		{"a number beyond float64", `{"kind":"fail","n":1e400}`, errMalformed, ""},
		{"a number below float64", `{"kind":"fail","n":1e-400}`, nil, "fail"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			spec, err := ParseSpec([]byte(tc.body))
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("ParseSpec(%s) = %v, want %v", tc.body, err, tc.want)
			}
			if spec.Kind != tc.kind {
				t.Errorf("kind = %q, want %q", spec.Kind, tc.kind)
			}
		})
	}
}

func TestIsJSON(t *testing.T) {
	t.Parallel()
	tests := map[string]bool{
		"application/json":                 true,
		"Application/JSON; charset=latin1": true,
		"application/json ; garbage":       true,
		"application/problem+json":         false,
		"application/jſon":                 false,
		"":                                 false,
		"text/plain":                       false,
	}
	for contentType, want := range tests {
		r, _ := http.NewRequest("POST", "/jobs", nil)
		r.Header.Set("Content-Type", contentType)
		if got := isJSON(r); got != want {
			t.Errorf("isJSON(%q) = %v, want %v", contentType, got, want)
		}
	}
}
