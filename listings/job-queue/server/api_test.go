// Tests of the HTTP API with net/http/httptest, one request per case.

package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// ANCHOR: bad_input
func TestBadInputIsRefusedAndChangesNothing(t *testing.T) {
	t.Parallel()
	huge := `{"kind":"wordcount","payload":{"text":"` + strings.Repeat("a", MaxBody) + `"}}`
	tests := []struct {
		name, method, path, contentType, body string
		wantStatus                            int
		wantWords                             string
	}{
		{"malformed JSON", "POST", "/jobs", "application/json", "{", 400, "JSON"},
		{"wrong content type", "POST", "/jobs", "text/plain", "{}", 415, "application/json"},
		{"unknown kind", "POST", "/jobs", "application/json",
			`{"kind":"explode","payload":{}}`, 422, "explode"},
		{"sleep too long", "POST", "/jobs", "application/json",
			`{"kind":"sleep","payload":{"ms":10001}}`, 422, "10000"},
		{"oversize body", "POST", "/jobs", "application/json", huge, 413, "65536"},
		{"unknown id", "GET", "/jobs/99", "", "", 404, "99"},
		{"malformed id", "GET", "/jobs/x", "", "", 404, "x"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q := NewQueue(4, 1, DefaultRetention)
			defer q.Close()
			req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", tc.contentType)
			rec := httptest.NewRecorder()
			NewHandler(q, 10*time.Second).ServeHTTP(rec, req)
			if rec.Code != tc.wantStatus {
				t.Errorf("status = %d, want %d (%s)", rec.Code, tc.wantStatus, rec.Body)
			}
			var body struct{ Error string }
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatalf("status %d with a body that is not JSON (%v): %q", rec.Code, err, rec.Body)
			}
			if !strings.Contains(body.Error, tc.wantWords) {
				t.Errorf("error %q should mention %q", body.Error, tc.wantWords)
			}
			if s := q.Stats(); s.Accepted != 0 || s.QueueDepth != 0 {
				t.Errorf("bad input changed the queue: %+v", s)
			}
		})
	}
}

// ANCHOR_END: bad_input

func TestAcceptsAJob(t *testing.T) {
	t.Parallel()
	q := NewQueue(4, 1, DefaultRetention)
	defer q.Close()
	req := httptest.NewRequest("POST", "/jobs", strings.NewReader(`{"kind":"wordcount","payload":{"text":"a b"}}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	NewHandler(q, 10*time.Second).ServeHTTP(rec, req)
	if rec.Code != http.StatusAccepted || rec.Header().Get("Location") != "/jobs/1" {
		t.Fatalf("got %d, Location %q: %s", rec.Code, rec.Header().Get("Location"), rec.Body)
	}
	if q.Stats().Accepted != 1 {
		t.Errorf("Stats() = %+v", q.Stats())
	}
}

func TestAnswers503WhileDraining(t *testing.T) {
	t.Parallel()
	q := NewQueue(4, 1, DefaultRetention)
	q.Close()
	srv := httptest.NewServer(NewHandler(q, 10*time.Second))
	defer srv.Close()
	for _, path := range []string{"/healthz", "/metrics"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("GET %s while draining = %d, want 503", path, resp.StatusCode)
		}
	}
}
