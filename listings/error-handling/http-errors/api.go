// Package httperrors puts the user store behind two HTTP routes, and has
// one function, writeError, that turns the store's errors into responses
// by asking errors.Is which sentinel each one wraps.
package httperrors

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"strconv"
	"strings"
	"sync"

	userstore "example.com/gotorust/error-handling/user-store"
)

// ANCHOR: write_error
// writeError picks a status for err. A sentinel nobody lists here falls
// through to 500, as does every storage failure, whose details go to the
// log and not to the client.
func writeError(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, userstore.ErrNotFound):
		http.Error(w, err.Error(), http.StatusNotFound)
	case errors.Is(err, userstore.ErrAlreadyExists):
		http.Error(w, err.Error(), http.StatusConflict)
	case errors.Is(err, userstore.ErrInvalidName):
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
	default:
		log.Printf("users api: %v", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
	}
}

// ANCHOR_END: write_error

// ANCHOR: handlers
type api struct {
	mu    sync.Mutex
	store *userstore.Store
}

func (a *api) getUser(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	if err != nil {
		http.Error(w, fmt.Sprintf("invalid user id: %v", err), http.StatusBadRequest)
		return
	}
	a.mu.Lock()
	user, err := a.store.Get(id)
	a.mu.Unlock()
	if err != nil {
		writeError(w, err)
		return
	}
	fmt.Fprint(w, user.Name)
}

// maxBody bounds the body of POST /users, a name of one line.
const maxBody = 64 * 1024

func (a *api) addUser(w http.ResponseWriter, r *http.Request) {
	// MaxBytesReader fails the read past the limit (a LimitReader would
	// stop there quietly, and the name would be stored cut short).
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		http.Error(w, fmt.Sprintf("the body is over %d bytes", maxBody),
			http.StatusRequestEntityTooLarge)
		return
	} else if err != nil {
		http.Error(w, "cannot read the request body", http.StatusBadRequest)
		return
	}
	a.mu.Lock()
	user, err := a.store.Add(strings.TrimSpace(string(body)))
	a.mu.Unlock()
	if err != nil {
		writeError(w, err)
		return
	}
	location := fmt.Sprintf("/users/%d", user.ID)
	w.Header().Set("Location", location)
	w.WriteHeader(http.StatusCreated)
	fmt.Fprint(w, location)
}

// NewHandler serves GET /users/{id} and POST /users with the name as body.
func NewHandler(store *userstore.Store) http.Handler {
	a := &api{store: store}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/{id}", a.getUser)
	mux.HandleFunc("POST /users", a.addUser)
	return mux
}

// ANCHOR_END: handlers
