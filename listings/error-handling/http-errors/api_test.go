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
	// Each case gets a store of its own that holds ana as user 1, so a
	// case can run alone: go test -run 'TestEachErrorGetsItsStatus/get'.
	withAna := func(t *testing.T) http.Handler {
		app := open(t, filepath.Join(t.TempDir(), "users.txt"))
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, httptest.NewRequest("POST", "/users", strings.NewReader("ana")))
		if rec.Code != http.StatusCreated {
			t.Fatalf("adding ana: %d %q", rec.Code, rec.Body)
		}
		return app
	}
	// The store's file is in a directory that does not exist, so every
	// write fails: the storage case.
	broken := func(t *testing.T) http.Handler {
		return open(t, filepath.Join(t.TempDir(), "missing", "users.txt"))
	}

	cases := []struct {
		name              string
		handler           func(*testing.T) http.Handler
		method, uri, body string
		wantStatus        int
		wantBody          string
	}{
		{"add", withAna, "POST", "/users", "bo", http.StatusCreated, "/users/2"},
		{"get", withAna, "GET", "/users/1", "", http.StatusOK, "ana"},
		{"unknown id", withAna, "GET", "/users/9", "", http.StatusNotFound,
			"get user 9: user not found\n"},
		{"name taken", withAna, "POST", "/users", "ana", http.StatusConflict,
			`add user "ana": user already exists` + "\n"},
		{"empty name", withAna, "POST", "/users", " ", http.StatusUnprocessableEntity,
			`add user "": a user name must be one non-empty line` + "\n"},
		{"storage hides its details", broken, "POST", "/users", "bo",
			http.StatusInternalServerError, "internal error\n"},
		{"bad id", withAna, "GET", "/users/ana", "", http.StatusBadRequest,
			`invalid user id: strconv.ParseUint: parsing "ana": invalid syntax` + "\n"},
		{"body too large", withAna, "POST", "/users", strings.Repeat("a", 64*1024+1),
			http.StatusRequestEntityTooLarge, "the body is over 65536 bytes\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest(tc.method, tc.uri, strings.NewReader(tc.body))
			rec := httptest.NewRecorder()
			tc.handler(t).ServeHTTP(rec, req)
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
