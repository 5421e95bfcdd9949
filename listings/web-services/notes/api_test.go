package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// newTestHandler serves a fresh database in the test's temporary directory.
func newTestHandler(t *testing.T) http.Handler {
	t.Helper()
	store, err := OpenStore(filepath.Join(t.TempDir(), "notes.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return newHandler(store)
}

// ANCHOR: httptest
func send(t *testing.T, h http.Handler, r *http.Request) (int, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	var body map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("status %d with a body that is not JSON (%v): %q", rec.Code, err, rec.Body)
	}
	return rec.Code, body
}

func postJSON(body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/notes", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	return r
}

func TestStatuses(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	cases := []struct {
		name string
		req  *http.Request
		want int
	}{
		{"created", postJSON(`{"title":"a","body":"b"}`), 201},
		{"empty title", postJSON(`{"title":"","body":"b"}`), 422},
		{"missing title", postJSON(`{"body":"b"}`), 422},
		{"not JSON", postJSON(`{`), 400},
		{"wrong type", postJSON(`{"title":5}`), 400},
		{"unknown id", httptest.NewRequest("GET", "/notes/99", nil), 404},
		{"bad id", httptest.NewRequest("GET", "/notes/x", nil), 400},
		{"bad limit", httptest.NewRequest("GET", "/notes?limit=0", nil), 400},
		{"bad after", httptest.NewRequest("GET", "/notes?after=x", nil), 400},
	}
	// The cases share one database, so they run one at a time (in any
	// order: none needs another's note).
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body := send(t, h, tc.req)
			if status != tc.want {
				t.Fatalf("status = %d, want %d (body %v)", status, tc.want, body)
			}
			if _, ok := body["error"].(string); tc.want >= 400 && !ok {
				t.Errorf("error body = %v, want an error message", body)
			}
		})
	}
}

// ANCHOR_END: httptest

func TestPagesLinkToTheNextPage(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	for _, title := range []string{"a", "b", "c"} {
		if status, _ := send(t, h, postJSON(`{"title":"`+title+`"}`)); status != 201 {
			t.Fatalf("create %s: status %d", title, status)
		}
	}
	_, page := send(t, h, httptest.NewRequest("GET", "/notes?limit=2", nil))
	if n := len(page["notes"].([]any)); n != 2 {
		t.Fatalf("first page has %d notes, want 2", n)
	}
	_, page = send(t, h, httptest.NewRequest("GET", page["next"].(string), nil))
	first := page["notes"].([]any)[0].(map[string]any)
	if first["title"] != "c" || page["next"] != nil {
		t.Errorf("second page = %v, want note c and no next link", page)
	}
}

// ANCHOR: real_server
func TestRealServer(t *testing.T) {
	t.Parallel()
	// httptest.NewServer listens on a free loopback port.
	srv := httptest.NewServer(newTestHandler(t))
	defer srv.Close()

	body := strings.NewReader(`{"title":"over TCP"}`)
	resp, err := http.Post(srv.URL+"/notes", "application/json", body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status = %d, want 201", resp.StatusCode)
	}

	resp, err = http.Get(srv.URL + resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var note Note
	if err := json.NewDecoder(resp.Body).Decode(&note); err != nil {
		t.Fatal(err)
	}
	if note.Title != "over TCP" {
		t.Errorf("title = %q, want %q", note.Title, "over TCP")
	}
}

// ANCHOR_END: real_server

// The request id reaches the handlers through the context; the request's
// own headers stay as the client sent them.
func TestRequestIDLeavesTheRequestAlone(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, sent string
		send       bool
	}{
		{"none sent", "", false},
		{"one sent", "abc-123", true},
		{"an empty one sent", "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var seen http.Header
			var id string
			h := withRequestID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				seen, id = r.Header.Clone(), requestID(r)
			}))
			r := httptest.NewRequest("GET", "/notes", nil)
			if tc.send {
				r.Header.Set("X-Request-Id", tc.sent)
			}
			before := r.Header.Clone()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			if got := rec.Header().Get("X-Request-Id"); got != id {
				t.Errorf("response id %q, handler saw %q", got, id)
			}
			if tc.send && id != tc.sent {
				t.Errorf("id = %q, want the client's %q", id, tc.sent)
			}
			if !tc.send && id == "" {
				t.Error("no id was made up")
			}
			if len(seen) != len(before) || seen.Get("X-Request-Id") != before.Get("X-Request-Id") {
				t.Errorf("the handler saw headers %v, the client sent %v", seen, before)
			}
		})
	}
}
