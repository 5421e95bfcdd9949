// Package once initialises values once: a package-level table built before
// main runs, and a value computed on first use with sync.OnceValue. The
// chapter on nil sets them beside Rust's LazyLock and OnceLock.
package once

import (
	"fmt"
	"os"
	"strings"
	"sync"
)

// ANCHOR: lazy
// stopWords holds the words a search index skips. Package initialisation
// builds it before main runs.
var stopWords = func() map[string]bool {
	set := map[string]bool{}
	for w := range strings.FieldsSeq("a an and of or the to") {
		set[w] = true
	}
	return set
}()

// IsStopWord reports whether word is a stop word, ignoring case.
func IsStopWord(word string) bool { return stopWords[strings.ToLower(word)] }

// ANCHOR_END: lazy

// ANCHOR: once-value
// InstanceName returns a name for this process, computed on first use and
// then fixed.
var InstanceName = sync.OnceValue(func() string {
	return fmt.Sprintf("worker-%d", os.Getpid())
})

// ANCHOR_END: once-value
