// The HTTP side: routes, handlers, JSON errors and the middleware around
// them.

package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"time"
)

const (
	// maxBodyBytes is the largest request body accepted.
	maxBodyBytes = 64 << 10
	// requestTimeout is how long a request may take before the client gets
	// 503. Shorter than SQLite's 5-second wait for a lock (see OpenStore):
	// no client waits for the database longer than this.
	requestTimeout = 2 * time.Second
	// Page sizes for GET /notes.
	defaultLimit = 20
	maxLimit     = 100
)

// ANCHOR: router
// newHandler is the whole service as one value: routes, shared state and
// middleware.
func newHandler(store *Store) http.Handler {
	api := &api{store: store}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "ok")
	})
	mux.HandleFunc("POST /notes", api.createNote)
	mux.HandleFunc("GET /notes", api.listNotes)
	mux.HandleFunc("GET /notes/{id}", api.getNote)
	// Outermost first: give every request an id, log it with the id, and
	// answer 503 when the handler takes longer than requestTimeout.
	timeoutBody := `{"error":"request timed out"}`
	return withRequestID(withLogging(http.TimeoutHandler(mux, requestTimeout, timeoutBody)))
}

// ANCHOR_END: router

// api holds what the handlers share.
type api struct {
	store *Store
}

// ANCHOR: create
func (a *api) createNote(w http.ResponseWriter, r *http.Request) {
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, "expected a JSON body (Content-Type: application/json)")
		return
	}
	var in NewNote
	if err := decodeJSON(w, r, &in); err != nil {
		if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
			writeError(w, http.StatusRequestEntityTooLarge, "request body is too large")
			return
		}
		writeError(w, http.StatusBadRequest, "invalid JSON: "+err.Error())
		return
	}
	if err := in.Validate(); err != nil {
		writeError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	note, err := a.store.Create(r.Context(), in)
	if err != nil {
		internalError(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/notes/%d", note.ID))
	writeJSON(w, http.StatusCreated, note)
}

// decodeJSON reads exactly one JSON value of at most maxBodyBytes into v.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

// ANCHOR_END: create

// ANCHOR: get
func (a *api) getNote(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "note id must be an integer")
		return
	}
	note, err := a.store.Get(r.Context(), id)
	if errors.Is(err, errNotFound) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("note %d not found", id))
		return
	}
	if err != nil {
		internalError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, note)
}

// ANCHOR_END: get

// ANCHOR: list
// page is one page of notes, and the URL of the next page if there may be one.
type page struct {
	Notes []Note  `json:"notes"`
	Next  *string `json:"next"`
}

func (a *api) listNotes(w http.ResponseWriter, r *http.Request) {
	query := r.URL.Query()
	after, err := intParam(query.Get("after"), 0)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid query: after must be an integer")
		return
	}
	limit, err := intParam(query.Get("limit"), defaultLimit)
	if err != nil || limit < 1 || limit > maxLimit {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("limit must be between 1 and %d", maxLimit))
		return
	}
	// Ask for one more than a page: if it comes back, there is a next page.
	notes, err := a.store.List(r.Context(), after, limit+1)
	if err != nil {
		internalError(w, r, err)
		return
	}
	var next *string
	if int64(len(notes)) > limit {
		notes = notes[:limit]
		link := fmt.Sprintf("/notes?after=%d&limit=%d", notes[len(notes)-1].ID, limit)
		next = &link
	}
	writeJSON(w, http.StatusOK, page{Notes: notes, Next: next})
}

// intParam parses an optional integer query parameter.
func intParam(value string, fallback int64) (int64, error) {
	if value == "" {
		return fallback, nil
	}
	return strconv.ParseInt(value, 10, 64)
}

// ANCHOR_END: list

// ANCHOR: errors
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// writeError answers with a message meant for the client.
func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"error": message})
}

// internalError logs what went wrong on our side, for the operator, and
// tells the client only that it was not its fault.
func internalError(w http.ResponseWriter, r *http.Request, err error) {
	slog.ErrorContext(r.Context(), "database error", "err", err, "id", requestID(r))
	writeError(w, http.StatusInternalServerError, "internal server error")
}

// ANCHOR_END: errors

// ANCHOR: middleware
// withRequestID keeps the client's X-Request-Id or makes one up, and puts
// it on the response so client and server logs can be matched.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Request-Id") == "" {
			r.Header.Set("X-Request-Id", newRequestID())
		}
		w.Header().Set("X-Request-Id", r.Header.Get("X-Request-Id"))
		next.ServeHTTP(w, r)
	})
}

func requestID(r *http.Request) string {
	return r.Header.Get("X-Request-Id")
}

func newRequestID() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails since Go 1.24; it crashes the program instead
	return hex.EncodeToString(b)
}

// withLogging logs a line when a request arrives and one when it is
// answered, with its status and duration: the same two events as the Rust
// twin's TraceLayer, in the same words.
func withLogging(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		slog.Info("started processing request", "method", r.Method, "uri", r.URL.RequestURI(), "id", requestID(r))
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		slog.Info("finished processing request", "status", rec.status, "latency", time.Since(start), "id", requestID(r))
	})
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(status int) {
	s.status = status
	s.ResponseWriter.WriteHeader(status)
}

// ANCHOR_END: middleware
