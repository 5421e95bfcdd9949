// Package sharing shows the Go side of shared ownership: pointers that
// anyone may copy, and a sync.Mutex guarding state that goroutines share.
// The garbage collector decides when the values are gone.
package sharing

import (
	"slices"
	"strings"
	"sync"
)

// ANCHOR: expr
// Expr is an arithmetic expression: a number, or an operator with two
// operands. Pointers make the type recursive.
type Expr struct {
	Op          byte // 0 for a number, '+' or '*'
	Num         int64
	Left, Right *Expr
}

// Eval computes the value of e.
func Eval(e *Expr) int64 {
	switch e.Op {
	case '+':
		return Eval(e.Left) + Eval(e.Right)
	case '*':
		return Eval(e.Left) * Eval(e.Right)
	default:
		return e.Num
	}
}

// ANCHOR_END: expr

// ANCHOR: journal
// Journal is a log that several parts of a program write to, each holding
// the same *Journal.
type Journal struct {
	lines []string
}

// Write appends a line.
func (j *Journal) Write(line string) { j.lines = append(j.lines, line) }

// Lines returns a copy of the lines written so far.
func (j *Journal) Lines() []string { return slices.Clone(j.lines) }

// ANCHOR_END: journal

// ANCHOR: count
// CountWords counts the words of each text on its own goroutine, adding
// the counts under a mutex.
func CountWords(texts []string) int {
	var (
		mu    sync.Mutex
		total int
		wg    sync.WaitGroup
	)
	for _, text := range texts {
		wg.Go(func() {
			words := len(strings.Fields(text))
			mu.Lock()
			total += words
			mu.Unlock()
		})
	}
	wg.Wait()
	return total
}

// ANCHOR_END: count
