package rename

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestRename(t *testing.T) {
	cases := []struct {
		name      string
		path      string
		body      string
		wantCode  int
		wantTitle string
	}{
		{"renamed", "/notes/1", `{"title":"groceries"}`, http.StatusNoContent, "groceries"},
		{"unknown id", "/notes/9", `{"title":"groceries"}`, http.StatusNotFound, "shopping"},
		{"id not a number", "/notes/one", `{"title":"groceries"}`, http.StatusBadRequest, "shopping"},
		{"body not JSON", "/notes/1", `{`, http.StatusBadRequest, "shopping"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			store := NewStore(map[int]string{1: "shopping"})
			req := httptest.NewRequest(http.MethodPut, tc.path, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			store.Routes().ServeHTTP(rec, req)
			if rec.Code != tc.wantCode {
				t.Errorf("PUT %s %s: status %d, want %d", tc.path, tc.body, rec.Code, tc.wantCode)
			}
			if title, _ := store.Title(1); title != tc.wantTitle {
				t.Errorf("after PUT %s %s: title %q, want %q", tc.path, tc.body, title, tc.wantTitle)
			}
		})
	}
}
