// The HTTP API: submit a job, ask about it, check health and counters.
//
//	POST /jobs        202 with the job's id and Location, or 429 when the queue is full
//	GET  /jobs/{id}   the job's status, result or error; 404 if unknown
//	GET  /healthz     200 while serving
//	GET  /metrics     queue depth and counters, as JSON
//	another method on these paths: 405 with Allow; any other path: 404
//
// Every refusal has a JSON body {"error": "..."}.
//
// While the server drains, every route answers 503. A POST /jobs whose
// body has not arrived within the body timeout gets 408, and the
// connection is closed.

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"time"
)

// MaxBody is the largest request body accepted: a job description, not a
// file upload.
const MaxBody = 64 * 1024

// ANCHOR: router
// NewHandler returns the service's routes, sharing one Queue. Reading a
// job's body, the only slow part of submit, must end within bodyTimeout.
func NewHandler(q *Queue, bodyTimeout time.Duration) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /jobs", submit(q, bodyTimeout))
	mux.HandleFunc("GET /jobs/{id}", status(q))
	mux.HandleFunc("GET /healthz", healthz)
	mux.HandleFunc("GET /metrics", metrics(q))
	// Any other request gets a JSON error too: another method on a route,
	// 405 with the methods it has; any other path, 404.
	mux.HandleFunc("/jobs", methodNotAllowed("POST"))
	for _, route := range []string{"/jobs/{id}", "/healthz", "/metrics"} {
		mux.HandleFunc(route, methodNotAllowed("GET, HEAD"))
	}
	mux.HandleFunc("/", notFound)
	return refuseWhileDraining(q, onlyCleanPaths(mux))
}

// ANCHOR_END: router

func methodNotAllowed(allow string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed,
			fmt.Sprintf("%s %s: the method is not allowed, only %s", r.Method, r.URL.Path, allow))
	}
}

func notFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, http.StatusNotFound, fmt.Sprintf("no route for %s", r.URL.Path))
}

// onlyCleanPaths answers 404 to a path with an empty, "." or ".." segment,
// which ServeMux would redirect to its cleaned form: the API has no such
// path, and the Rust twin's router redirects nothing.
func onlyCleanPaths(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.EscapedPath()
		clean := path.Clean(p)
		if strings.HasSuffix(p, "/") && clean != "/" {
			clean += "/"
		}
		if clean != p {
			notFound(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// ANCHOR: submit
// submit handles POST /jobs: it validates the job and queues it, or says
// why not.
func submit(q *Queue, bodyTimeout time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !isJSON(r) {
			writeError(w, http.StatusUnsupportedMediaType, "Content-Type must be application/json")
			return
		}
		// The recorder of httptest has no connection: no deadline there.
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(bodyTimeout))
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
		if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
			writeError(w, http.StatusRequestEntityTooLarge,
				fmt.Sprintf("the body is larger than %d bytes", MaxBody))
			return
		} else if errors.Is(err, os.ErrDeadlineExceeded) {
			// The rest of the body may still come; the connection is no
			// use for another request.
			w.Header().Set("Connection", "close")
			writeError(w, http.StatusRequestTimeout, "the body did not arrive in time")
			return
		} else if err != nil {
			writeError(w, http.StatusBadRequest, "reading the body: "+err.Error())
			return
		}
		spec, err := ParseSpec(body)
		if errors.Is(err, errMalformed) {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		} else if err != nil {
			writeError(w, http.StatusUnprocessableEntity, err.Error())
			return
		}
		task, err := ParseTask(spec)
		if err != nil {
			writeError(w, http.StatusUnprocessableEntity, err.Error())
			return
		}
		id, err := q.Submit(spec.Kind, task)
		switch {
		case errors.Is(err, ErrFull):
			// A full queue is a reason to come back, not to give up.
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusTooManyRequests, err.Error())
			return
		case err != nil:
			writeError(w, http.StatusServiceUnavailable, err.Error())
			return
		}
		w.Header().Set("Location", fmt.Sprintf("/jobs/%d", id))
		writeJSON(w, http.StatusAccepted, map[string]any{"id": id, "status": Queued})
	}
}

// ANCHOR_END: submit

// isJSON reports whether the request says its body is JSON: the media type
// application/json in any case, with any parameters (a charset among them:
// the body is read as UTF-8 whatever it says).
func isJSON(r *http.Request) bool {
	mediaType, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	// ToLower, not EqualFold, which would also take "ſ" for "s".
	return strings.ToLower(strings.Trim(mediaType, " \t")) == "application/json"
}

// status handles GET /jobs/{id}; a malformed id is as unknown as a missing
// one.
func status(q *Queue) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		raw := r.PathValue("id")
		id, err := strconv.ParseUint(raw, 10, 64)
		view, ok := q.Status(id)
		if err != nil || !ok {
			writeError(w, http.StatusNotFound, fmt.Sprintf("no job with id %q", raw))
			return
		}
		writeJSON(w, http.StatusOK, view)
	}
}

func healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func metrics(q *Queue) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, q.Stats())
	}
}

// ANCHOR: draining
// refuseWhileDraining answers 503 once the queue is closed: the server
// still answers, so clients learn at once to go elsewhere, but it takes no
// new work.
func refuseWhileDraining(q *Queue, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if q.Closed() {
			writeError(w, http.StatusServiceUnavailable, "the server is shutting down")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// ANCHOR_END: draining

// writeError answers {"error": message} with the given status.
func writeError(w http.ResponseWriter, code int, message string) {
	writeJSON(w, code, map[string]string{"error": message})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		slog.Warn("writing a response", "err", err)
	}
}
