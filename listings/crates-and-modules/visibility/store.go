// Package visibility is a Go package with one exported type. Names that
// start with a capital letter are exported; the slug package sits under
// internal/, so only code inside this module can import it.
package visibility

import "example.com/gotorust/crates-and-modules/visibility/internal/slug"

// ANCHOR: store
// Store counts items by their slug. It is exported; its field is not.
type Store struct {
	counts map[string]int
}

// Add adds one of name and returns the key it was counted under.
func (s *Store) Add(name string) string {
	if s.counts == nil {
		s.counts = make(map[string]int)
	}
	key := slug.Make(name)
	s.counts[key]++
	return key
}

// Count reports how many of name were added.
func (s *Store) Count(name string) int {
	return s.counts[slug.Make(name)]
}

// ANCHOR_END: store
