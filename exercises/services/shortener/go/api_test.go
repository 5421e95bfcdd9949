package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// The exercise's shared suite (../tests/suite.rs) tests the built binary;
// this runs the routes in process against a store in a temporary directory.
func newTestHandler(t *testing.T, burst int) http.Handler {
	t.Helper()
	store, err := OpenStore(filepath.Join(t.TempDir(), "links.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return newHandler(store, NewLimiter(1, burst), "X-Client")
}

func send(h http.Handler, method, path, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	r.Header.Set("X-Client", "tester")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestCreateFollowAndCount(t *testing.T) {
	h := newTestHandler(t, 10)
	w := send(h, "POST", "/links", `{"url":"https://example.com/a?b=c"}`)
	if w.Code != http.StatusCreated {
		t.Fatalf("POST /links: %d %s", w.Code, w.Body)
	}
	var link Link
	if err := json.Unmarshal(w.Body.Bytes(), &link); err != nil || link.Code == "" {
		t.Fatalf("POST /links: body %s (%v)", w.Body, err)
	}
	if got := w.Header().Get("Location"); got != "/links/"+link.Code {
		t.Errorf("Location %q, want /links/%s", got, link.Code)
	}
	for range 2 {
		w = send(h, "GET", "/"+link.Code, "")
		if w.Code != http.StatusFound || w.Header().Get("Location") != link.URL {
			t.Errorf("GET /%s: %d to %q", link.Code, w.Code, w.Header().Get("Location"))
		}
	}
	w = send(h, "GET", "/links/"+link.Code, "")
	want := `{"code":"` + link.Code + `","url":"https://example.com/a?b=c","hits":2}` + "\n"
	if w.Code != http.StatusOK || w.Body.String() != want {
		t.Errorf("GET /links/%s: %d %s, want 200 %s", link.Code, w.Code, w.Body, want)
	}
}

func TestErrors(t *testing.T) {
	h := newTestHandler(t, 100)
	tests := []struct {
		name, method, path, body string
		want                     int
	}{
		{"unknown code", "GET", "/nope", "", http.StatusNotFound},
		{"stats of an unknown code", "GET", "/links/nope", "", http.StatusNotFound},
		{"malformed JSON", "POST", "/links", `{"url":`, http.StatusBadRequest},
		{"no url", "POST", "/links", `{}`, http.StatusUnprocessableEntity},
		{"relative", "POST", "/links", `{"url":"/a"}`, http.StatusUnprocessableEntity},
		{"ftp", "POST", "/links", `{"url":"ftp://example.com/f"}`, http.StatusUnprocessableEntity},
		{"no host", "POST", "/links", `{"url":"http://"}`, http.StatusUnprocessableEntity},
		{"a space", "POST", "/links", `{"url":"http://example.com/a b"}`, http.StatusUnprocessableEntity},
		{"too long", "POST", "/links", `{"url":"http://example.com/` + strings.Repeat("a", 2048) + `"}`,
			http.StatusUnprocessableEntity},
		{"body too large", "POST", "/links", `{"url":"` + strings.Repeat("a", 5000) + `"}`,
			http.StatusRequestEntityTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := send(h, tc.method, tc.path, tc.body)
			var body struct{ Error string }
			err := json.Unmarshal(w.Body.Bytes(), &body)
			if w.Code != tc.want || err != nil || body.Error == "" {
				t.Errorf("%s %s: %d %s, want %d with a JSON error", tc.method, tc.path,
					w.Code, w.Body, tc.want)
			}
		})
	}
}

func TestRateLimit(t *testing.T) {
	h := newTestHandler(t, 2)
	for i, want := range []int{http.StatusCreated, http.StatusCreated, http.StatusTooManyRequests} {
		w := send(h, "POST", "/links", `{"url":"http://example.com"}`)
		if w.Code != want {
			t.Fatalf("POST %d: %d, want %d", i+1, w.Code, want)
		}
		if want == http.StatusTooManyRequests && w.Header().Get("Retry-After") != "60" {
			t.Errorf("Retry-After %q, want 60", w.Header().Get("Retry-After"))
		}
	}
}
