// Package rename serves one handler that reads a path value and a JSON body
// under a mutex: the Go side of "when a function is not a Handler" in the
// "web services" chapter, beside src/main.rs.
package rename

import (
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
)

// Store holds note titles by id.
type Store struct {
	mu     sync.Mutex
	titles map[int]string
}

// NewStore returns a store holding titles.
func NewStore(titles map[int]string) *Store {
	return &Store{titles: titles}
}

// Title returns the title of note id, and whether there is one.
func (s *Store) Title(id int) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	title, ok := s.titles[id]
	return title, ok
}

// ANCHOR: rename
// Rename gives note {id} the title in the JSON body. Every handler has the
// same signature; it reads the request in whatever order it likes, and may
// block while it holds the lock.
func (s *Store) Rename(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Title string `json:"title"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		http.Error(w, "the id is not a number", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.titles[id]; !ok {
		http.NotFound(w, r)
		return
	}
	s.titles[id] = body.Title
	w.WriteHeader(http.StatusNoContent)
}

// ANCHOR_END: rename

// Routes serves Rename at PUT /notes/{id}.
func (s *Store) Routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("PUT /notes/{id}", s.Rename)
	return mux
}
