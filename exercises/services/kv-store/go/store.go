package main

import (
	"slices"
	"sync"
)

// Store is the service's state: values by key, behind a mutex because
// every request runs on a goroutine of its own.
type Store struct {
	mu     sync.Mutex
	values map[string]string
}

func NewStore() *Store {
	return &Store{values: make(map[string]string)}
}

// Get returns the value of key, and whether there is one.
func (s *Store) Get(key string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	value, ok := s.values[key]
	return value, ok
}

// Put sets the value of key, and reports whether the key is new.
func (s *Store) Put(key, value string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, existed := s.values[key]
	s.values[key] = value
	return !existed
}

// Delete removes key, and reports whether it was there.
func (s *Store) Delete(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, existed := s.values[key]
	delete(s.values, key)
	return existed
}

// Keys returns every key in order; an empty slice, never nil, so that it
// encodes as [] and not null.
func (s *Store) Keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := make([]string, 0, len(s.values))
	for key := range s.values {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	return keys
}
