// The HTTP side: the three routes, their JSON, and the rate limit in front
// of POST /links.

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

const (
	// maxBodyBytes is the largest request body accepted.
	maxBodyBytes = 4 << 10
	// maxURLBytes is the longest URL accepted.
	maxURLBytes = 2048
	// requestTimeout bounds reading a whole request and writing its answer.
	requestTimeout = 10 * time.Second
)

// ANCHOR: routes
// newHandler is the whole service as one value: routes, shared state and
// the rate limit.
func newHandler(store *Store, limiter *Limiter, clientHeader string) http.Handler {
	a := &api{store: store, limiter: limiter, clientHeader: clientHeader}
	mux := http.NewServeMux()
	mux.Handle("POST /links", a.rateLimited(http.HandlerFunc(a.create)))
	mux.HandleFunc("GET /links/{code}", a.stats)
	mux.HandleFunc("GET /{code}", a.follow)
	return mux
}

// api holds what the handlers share.
type api struct {
	store        *Store
	limiter      *Limiter
	clientHeader string
}

// ANCHOR_END: routes

// ANCHOR: handlers
func (a *api) create(w http.ResponseWriter, r *http.Request) {
	// The whole body first, so that its size is judged before its syntax.
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
		writeError(w, http.StatusRequestEntityTooLarge, "request body is too large")
		return
	}
	var in struct {
		URL string `json:"url"`
	}
	if err == nil {
		err = json.Unmarshal(data, &in)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON: "+err.Error())
		return
	}
	if err := validateURL(in.URL); err != nil {
		writeError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	link, err := a.store.Create(r.Context(), in.URL)
	if err != nil {
		internalError(w, r, err)
		return
	}
	w.Header().Set("Location", "/links/"+link.Code)
	writeJSON(w, http.StatusCreated, link)
}

func (a *api) follow(w http.ResponseWriter, r *http.Request) {
	target, err := a.store.Follow(r.Context(), r.PathValue("code"))
	if errors.Is(err, errNotFound) {
		writeError(w, http.StatusNotFound, err.Error())
		return
	}
	if err != nil {
		internalError(w, r, err)
		return
	}
	// 302, not 301 or 308: a permanent redirect may be cached by the
	// browser, which would then skip the service and the hit count.
	http.Redirect(w, r, target, http.StatusFound)
}

func (a *api) stats(w http.ResponseWriter, r *http.Request) {
	link, err := a.store.Get(r.Context(), r.PathValue("code"))
	if errors.Is(err, errNotFound) {
		writeError(w, http.StatusNotFound, err.Error())
		return
	}
	if err != nil {
		internalError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, link)
}

// ANCHOR_END: handlers

// ANCHOR: validate
// validateURL accepts an absolute http or https URL with a host, of at most
// maxURLBytes bytes of printable ASCII (so that it can be sent back as a
// Location header as it is).
func validateURL(raw string) error {
	if len(raw) > maxURLBytes {
		return fmt.Errorf("url is longer than %d bytes", maxURLBytes)
	}
	if strings.ContainsFunc(raw, func(r rune) bool { return r <= ' ' || r > '~' }) {
		return errors.New("url must be printable ASCII without spaces")
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("url must be an absolute http or https URL")
	}
	return nil
}

// ANCHOR_END: validate

// ANCHOR: limit
// rateLimited lets a request through to next when its client has a token
// left, and answers 429 with Retry-After (whole seconds) when not.
func (a *api) rateLimited(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, wait := a.limiter.Allow(a.client(r), time.Now())
		if !ok {
			seconds := int(math.Ceil(wait.Seconds()))
			w.Header().Set("Retry-After", strconv.Itoa(seconds))
			writeError(w, http.StatusTooManyRequests, "too many requests")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// client names who sent r: the configured header when it is set and
// present, the peer's IP address otherwise.
func (a *api) client(r *http.Request) string {
	if a.clientHeader != "" {
		if name := r.Header.Get(a.clientHeader); name != "" {
			return name
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// ANCHOR_END: limit

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// writeError answers {"error": message}.
func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"error": message})
}

// internalError logs err and tells the client only that it was not its
// fault.
func internalError(w http.ResponseWriter, r *http.Request, err error) {
	slog.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, "internal server error")
}
