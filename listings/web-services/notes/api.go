// The HTTP side: routes, handlers, JSON errors and the middleware around
// them.

package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
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
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "ok")
	})
	mux.HandleFunc("POST /notes", api.createNote)
	mux.HandleFunc("GET /notes", api.listNotes)
	mux.HandleFunc("GET /notes/{id}", api.getNote)
	// JSON for an unknown path, and for a known one with the wrong method
	// (ServeMux's own answers are plain text): a pattern without a method
	// gets what the patterns above do not match.
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such route")
	})
	mux.HandleFunc("/healthz", methodNotAllowed("GET,HEAD"))
	mux.HandleFunc("/notes", methodNotAllowed("GET,HEAD,POST"))
	mux.HandleFunc("/notes/{id}", methodNotAllowed("GET,HEAD"))
	// Outermost first: give every request an id, log it with the id, refuse
	// paths ServeMux would redirect, and answer 503 when the handler takes
	// longer than requestTimeout.
	timeoutBody := `{"error":"request timed out"}`
	return withRequestID(withLogging(withCleanPath(
		withJSONTimeout(http.TimeoutHandler(mux, requestTimeout, timeoutBody)))))
}

// ANCHOR_END: router

// api holds what the handlers share.
type api struct {
	store *Store
}

// ANCHOR: create
func (a *api) createNote(w http.ResponseWriter, r *http.Request) {
	if !isJSON(r.Header.Get("Content-Type")) {
		writeError(w, http.StatusUnsupportedMediaType,
			"expected a JSON body (Content-Type: application/json)")
		return
	}
	// The whole body first, so that its size is judged before its syntax.
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
		writeError(w, http.StatusRequestEntityTooLarge, "request body is too large")
		return
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON: "+err.Error())
		return
	}
	in, err := decodeNewNote(data)
	if err != nil {
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

// isJSON reports whether a Content-Type names JSON, by the rule both twins
// apply: the media type before any ";", without the spaces and tabs around
// it and in any case, is application/json or application/...+json;
// parameters are not looked at (mime.ParseMediaType would also judge
// their syntax).
func isJSON(contentType string) bool {
	essence, _, _ := strings.Cut(contentType, ";")
	essence = strings.ToLower(strings.Trim(essence, " \t"))
	subtype, ok := strings.CutPrefix(essence, "application/")
	return ok && (subtype == "json" || len(subtype) > 5 && strings.HasSuffix(subtype, "+json"))
}

// decodeNewNote reads a NewNote by the contract's rules, which are serde's
// and stricter than encoding/json's defaults: one object and nothing after
// it but white space; the keys "title" and "body" only, in exactly that
// case, each at most once; text in valid UTF-8 with no lone surrogate
// escape. A null field reads as "", as a missing one does.
func decodeNewNote(data []byte) (NewNote, error) {
	var note NewNote
	if !utf8.Valid(data) {
		return note, errors.New("invalid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return note, errors.New("expected a JSON object")
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return note, err
		}
		key, _ := tok.(string)
		var field *string
		switch key {
		case "title":
			field = &note.Title
		case "body":
			field = &note.Body
		default:
			return note, fmt.Errorf("unknown field %q", key)
		}
		if seen[key] {
			return note, fmt.Errorf("duplicate field %q", key)
		}
		seen[key] = true
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return note, err
		}
		if hasLoneSurrogate(raw) {
			return note, fmt.Errorf("%s: lone surrogate escape", key)
		}
		if err := json.Unmarshal(raw, field); err != nil {
			return note, err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return note, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return note, errors.New("unexpected data after the JSON object")
	}
	return note, nil
}

// hasLoneSurrogate reports whether JSON text has a \u escape of half a
// UTF-16 surrogate pair without the other half, which encoding/json turns
// into U+FFFD and serde refuses.
func hasLoneSurrogate(raw []byte) bool {
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		i++ // a backslash escapes the one byte after it
		r, ok := escapedRune(raw, i)
		if !ok {
			continue
		}
		i += 4
		switch {
		case r >= 0xdc00 && r <= 0xdfff:
			return true // a low half with no high half before it
		case r >= 0xd800 && r <= 0xdbff:
			low, ok := escapedRune(raw, i+2)
			if i+1 >= len(raw) || raw[i+1] != '\\' || !ok || low < 0xdc00 || low > 0xdfff {
				return true
			}
			i += 6
		}
	}
	return false
}

// escapedRune reads the \u escape whose u is at raw[i].
func escapedRune(raw []byte, i int) (rune, bool) {
	if i+5 > len(raw) || raw[i] != 'u' {
		return 0, false
	}
	n, err := strconv.ParseUint(string(raw[i+1:i+5]), 16, 16)
	return rune(n), err == nil
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
	// r.URL.Query() would skip a malformed pair; the contract refuses it.
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid query: "+err.Error())
		return
	}
	after, err := intParam(query, "after", 0)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid query: "+err.Error())
		return
	}
	limit, err := intParam(query, "limit", defaultLimit)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid query: "+err.Error())
		return
	}
	if limit < 1 || limit > maxLimit {
		msg := fmt.Sprintf("limit must be between 1 and %d", maxLimit)
		writeError(w, http.StatusBadRequest, msg)
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

// intParam parses an optional integer query parameter, given at most once.
func intParam(query url.Values, name string, fallback int64) (int64, error) {
	values := query[name]
	switch {
	case len(values) == 0:
		return fallback, nil
	case len(values) > 1:
		return 0, fmt.Errorf("%s is given more than once", name)
	}
	n, err := strconv.ParseInt(values[0], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s must be an integer", name)
	}
	return n, nil
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

// methodNotAllowed answers 405 for a route that has no handler for the
// request's method, naming the methods it has (in axum's spelling, so that
// the twins' headers are the same bytes).
func methodNotAllowed(allow string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, "method not allowed")
	}
}

// internalError logs what went wrong on our side, for the operator, and
// tells the client only that it was not its fault.
func internalError(w http.ResponseWriter, r *http.Request, err error) {
	slog.ErrorContext(r.Context(), "database error", "err", err, "id", requestID(r))
	writeError(w, http.StatusInternalServerError, "internal server error")
}

// ANCHOR_END: errors

// ANCHOR: middleware
// withRequestID keeps the client's X-Request-Id (the first, if it sent
// several, even an empty one) or makes one up, and puts it on the response
// so client and server logs can be matched. The handlers find it in the
// request's context: a middleware leaves the request's headers as the
// client sent them.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := newRequestID()
		if sent := r.Header.Values("X-Request-Id"); len(sent) > 0 {
			id = sent[0]
		}
		w.Header().Set("X-Request-Id", id)
		ctx := context.WithValue(r.Context(), requestIDKey{}, id)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// requestIDKey is the context key of the request id.
type requestIDKey struct{}

func requestID(r *http.Request) string {
	id, _ := r.Context().Value(requestIDKey{}).(string)
	return id
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

// withCleanPath answers 404 for a path with an empty, "." or ".." segment
// (after percent-decoding), which ServeMux would redirect to its cleaned
// form: the contract has no redirects, and no route has such a path.
func withCleanPath(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; path.Clean(p) != p {
			writeError(w, http.StatusNotFound, "no such route")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// withJSONTimeout labels http.TimeoutHandler's 503 as the JSON it is:
// TimeoutHandler writes its body under the headers already on w, while a
// handler's own answer replaces them with its own, so every handler sets
// its Content-Type.
func withJSONTimeout(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		next.ServeHTTP(w, r)
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
