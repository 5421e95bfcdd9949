// Package panics shows recover used the one way it should be: at the
// boundary of a unit of work (a request, a job), so that a bug in one
// unit is reported as an error instead of ending the program.
package panics

import "fmt"

// ANCHOR: guarded
// Guarded runs work and turns a panic inside it into an error. recover
// only works in a function deferred by the panicking goroutine.
func Guarded(work func() int) (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("work panicked: %v", r)
		}
	}()
	return work(), nil
}

// ANCHOR_END: guarded
