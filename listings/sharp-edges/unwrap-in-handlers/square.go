// Package square is the Go side of "unwrap in handlers" in the "Sharp
// edges" chapter: GET /square?n=7 answers 49, written three ways. One
// ignores strconv's error and answers 0 to bad input; one panics (a write
// to a nil map) and net/http recovers, logs and closes the connection; one
// checks the error and answers 400.
package square

import (
	"fmt"
	"net/http"
	"strconv"
)

// ANCHOR: ignoring
// SquareIgnoring drops the error: "seven" parses as 0, and the client
// gets a confident 200 with the wrong answer.
func SquareIgnoring(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.ParseUint(r.URL.Query().Get("n"), 10, 32)
	fmt.Fprint(w, n*n)
}

// ANCHOR_END: ignoring

// ANCHOR: panicking
// seen was meant to be a cache, but nobody made the map.
var seen map[uint64]bool

// SquarePanicking panics on every request: writing to a nil map.
func SquarePanicking(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.ParseUint(r.URL.Query().Get("n"), 10, 32)
	if err != nil {
		http.Error(w, "n: "+err.Error(), http.StatusBadRequest)
		return
	}
	seen[n] = true
	fmt.Fprint(w, n*n)
}

// ANCHOR_END: panicking

// ANCHOR: checked
// Square checks the error and answers 400 to bad input.
func Square(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get("n")
	if raw == "" {
		http.Error(w, "missing query parameter n", http.StatusBadRequest)
		return
	}
	n, err := strconv.ParseUint(raw, 10, 32)
	if err != nil {
		http.Error(w, "n: "+err.Error(), http.StatusBadRequest)
		return
	}
	fmt.Fprint(w, n*n)
}

// ANCHOR_END: checked
