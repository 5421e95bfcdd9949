package dropcosts

import (
	"context"
	"fmt"
	"net/http"
)

// Event is what the tests observe, in order.
type Event string

// The events a request reports.
const (
	Started     Event = "started"
	ContextDone Event = "context done"
	Finished    Event = "finished"
)

// Work is the work a request does: it starts, waits until Release, and
// finishes. It stands in for a database write or a call to another service.
type Work struct {
	Events chan Event
	goOn   chan struct{}
}

// NewWork returns a Work whose channels are buffered, so neither reporting
// nor releasing ever blocks.
func NewWork() *Work {
	return &Work{Events: make(chan Event, 8), goOn: make(chan struct{}, 1)}
}

// Release lets the one waiting request finish.
func (w *Work) Release() { w.goOn <- struct{}{} }

// ANCHOR: handler
// ServeHTTP does the work. When the client hangs up, the server cancels
// r.Context(), which this work does not watch: the handler runs to its end
// all the same, and only its reply goes nowhere.
func (w *Work) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	w.Events <- Started
	stop := context.AfterFunc(r.Context(), func() { w.Events <- ContextDone })
	defer stop()
	<-w.goOn
	w.Events <- Finished
	fmt.Fprintln(rw, "done")
}

// ANCHOR_END: handler
