package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The exercise's shared suite (../tests/suite.rs) tests the built binary;
// this runs the same routes in process, one request after another on one
// store.
func TestRoutes(t *testing.T) {
	handler := routes(NewStore())
	steps := []struct {
		method, path, body string
		wantStatus         int
		wantBody           string
	}{
		{"GET", "/kv", "", http.StatusOK, `{"keys":[]}` + "\n"},
		{"PUT", "/kv/a", "1", http.StatusCreated, ""},
		{"PUT", "/kv/a", "2", http.StatusNoContent, ""},
		{"GET", "/kv/a", "", http.StatusOK, "2"},
		{"PUT", "/kv/big", strings.Repeat("x", MaxValue+1), http.StatusRequestEntityTooLarge, "value too large\n"},
		{"DELETE", "/kv/a", "", http.StatusNoContent, ""},
		{"DELETE", "/kv/a", "", http.StatusNotFound, "no such key\n"},
	}
	for _, step := range steps {
		request := httptest.NewRequest(step.method, step.path, strings.NewReader(step.body))
		recorder := httptest.NewRecorder()
		handler.ServeHTTP(recorder, request)
		if recorder.Code != step.wantStatus || recorder.Body.String() != step.wantBody {
			t.Errorf("%s %s: %d %q, want %d %q", step.method, step.path,
				recorder.Code, recorder.Body.String(), step.wantStatus, step.wantBody)
		}
	}
}
