// Command missing-field shows what encoding/json does with a field the
// JSON leaves out: nothing. The field keeps its zero value and no error is
// reported, which the Rust twin gets only by asking for #[serde(default)].
package main

import (
	"encoding/json"
	"fmt"
)

// ANCHOR: program
type NewNote struct {
	Title string `json:"title"`
}

func main() {
	// No title; and a field the struct does not have, which is ignored.
	var note NewNote
	err := json.Unmarshal([]byte(`{"body": "no title here"}`), &note)
	fmt.Printf("title: %q, err: %v\n", note.Title, err)
}

// ANCHOR_END: program
