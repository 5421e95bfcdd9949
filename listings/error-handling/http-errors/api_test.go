package httperrors

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	userstore "example.com/gotorust/error-handling/user-store"
)

func open(t *testing.T, path string) http.Handler {
	t.Helper()
	store, err := userstore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return NewHandler(store)
}

// ANCHOR: tests
func TestEachErrorGetsItsStatus(t *testing.T) {
	dir := t.TempDir()
	app := open(t, filepath.Join(dir, "users.txt"))
	// The store's file is in a directory that does not exist, so every
	// write fails: the storage case.
	broken := open(t, filepath.Join(dir, "missing", "users.txt"))

	cases := []struct {
		name              string
		handler           http.Handler
		method, uri, body string
		wantStatus        int
		wantBody          string
	}{
		{"add", app, "POST", "/users", "ana", http.StatusCreated, "/users/1"},
		{"get", app, "GET", "/users/1", "", http.StatusOK, "ana"},
		{"unknown id", app, "GET", "/users/9", "", http.StatusNotFound,
			"get user 9: user not found\n"},
		{"name taken", app, "POST", "/users", "ana", http.StatusConflict,
			`add user "ana": user already exists` + "\n"},
		{"empty name", app, "POST", "/users", " ", http.StatusUnprocessableEntity,
			`add user "": a user name must be one non-empty line` + "\n"},
		{"storage hides its details", broken, "POST", "/users", "bo",
			http.StatusInternalServerError, "internal error\n"},
		{"bad id", app, "GET", "/users/ana", "", http.StatusBadRequest,
			`invalid user id: strconv.ParseUint: parsing "ana": invalid syntax` + "\n"},
		{"body too large", app, "POST", "/users", strings.Repeat("a", 64*1024+1),
			http.StatusRequestEntityTooLarge, "the body is over 65536 bytes\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.uri, strings.NewReader(tc.body))
			rec := httptest.NewRecorder()
			tc.handler.ServeHTTP(rec, req)
			if rec.Code != tc.wantStatus || rec.Body.String() != tc.wantBody {
				t.Errorf("%s %s = %d %q, want %d %q",
					tc.method, tc.uri, rec.Code, rec.Body, tc.wantStatus, tc.wantBody)
			}
			// A new user's address is in Location as well as the body.
			loc := rec.Header().Get("Location")
			if tc.wantStatus == http.StatusCreated && loc != tc.wantBody {
				t.Errorf("%s %s: Location %q, want %q", tc.method, tc.uri, loc, tc.wantBody)
			}
		})
	}
}

// ANCHOR_END: tests
