// The bounded queue and the fixed pool of workers that empties it.
//
// A client's job is recorded as queued, then handed to the workers over a
// buffered channel. Handing it over never waits: when the channel is full
// the job is refused on the spot, and the client is told to come back
// later. Closing the queue lets the workers finish every job that was
// accepted, and then they stop.

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Why a job was not accepted.
var (
	ErrFull   = errors.New("the queue is full")
	ErrClosed = errors.New("the server is shutting down and accepts no new jobs")
)

// Status values, as clients see them.
const (
	Queued  = "queued"
	Running = "running"
	Done    = "done"
	Failed  = "failed"
)

// JobView is what GET /jobs/{id} shows.
type JobView struct {
	ID     uint64 `json:"id"`
	Kind   string `json:"kind"`
	Status string `json:"status"`
	Result any    `json:"result,omitempty"`
	Error  string `json:"error,omitempty"`
}

// Stats are the counters GET /metrics shows.
type Stats struct {
	QueueDepth    int    `json:"queue_depth"`
	QueueCapacity int    `json:"queue_capacity"`
	Accepted      uint64 `json:"accepted"`
	Rejected      uint64 `json:"rejected"`
	Completed     uint64 `json:"completed"`
	Failed        uint64 `json:"failed"`
}

type job struct {
	id   uint64
	task Task
}

// ANCHOR: queue
// Queue is the buffered channel the workers read, and what is known about
// every accepted job.
type Queue struct {
	// mu guards closed and the channel, so that no submit sends on the
	// channel after Close has closed it (which would panic).
	mu      sync.Mutex
	closed  bool
	pending chan job

	viewsMu       sync.Mutex
	views         map[uint64]*JobView
	finished      []finishedJob // oldest first
	finishedBytes int           // the sum of finished[i].bytes
	retention     Retention

	nextID                                atomic.Uint64
	accepted, rejected, completed, failed atomic.Uint64
	workers                               sync.WaitGroup
}

// ANCHOR_END: queue

// ANCHOR: retention
// Retention is how much the queue remembers of finished jobs. The oldest
// are forgotten (and answer 404) while there are more than Count, while
// their results and errors add up to more than Bytes, or once they finished
// longer than Age ago; the newest finished job is kept whatever its size.
type Retention struct {
	Count int
	Bytes int
	Age   time.Duration
}

// ANCHOR_END: retention

// DefaultRetention is what the flags default to.
var DefaultRetention = Retention{Count: 10_000, Bytes: 16 << 20, Age: time.Hour}

// finishedJob is a finished job's place in the table.
type finishedJob struct {
	id    uint64
	at    time.Time
	bytes int
}

// NewQueue makes a queue holding at most capacity waiting jobs and starts
// its workers. Call Close, then Wait, to drain it.
func NewQueue(capacity, workers int, retention Retention) *Queue {
	q := &Queue{
		pending:   make(chan job, capacity),
		views:     make(map[uint64]*JobView),
		retention: retention,
	}
	for range workers {
		q.workers.Go(q.work)
	}
	return q
}

// ANCHOR: submit
// Submit accepts a job if there is room, without ever waiting for room.
func (q *Queue) Submit(kind string, task Task) (uint64, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return 0, ErrClosed
	}
	id := q.nextID.Add(1)
	// Recorded before it is sent, so a worker always finds it.
	q.set(&JobView{ID: id, Kind: kind, Status: Queued})
	select {
	case q.pending <- job{id: id, task: task}:
		q.accepted.Add(1)
		return id, nil
	default:
		q.forget(id)
		q.rejected.Add(1)
		return 0, fmt.Errorf("%w (%d jobs waiting); retry later", ErrFull, cap(q.pending))
	}
}

// ANCHOR_END: submit

// Close stops accepting jobs; those already queued still run.
func (q *Queue) Close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.closed {
		q.closed = true
		close(q.pending)
	}
}

// Closed reports whether Close was called.
func (q *Queue) Closed() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.closed
}

// Wait blocks until the workers have finished every queued job; call it
// after Close.
func (q *Queue) Wait() {
	q.workers.Wait()
}

// Status returns a copy of what is known about job id.
func (q *Queue) Status(id uint64) (JobView, bool) {
	q.viewsMu.Lock()
	defer q.viewsMu.Unlock()
	q.evict(time.Now())
	view, ok := q.views[id]
	if !ok {
		return JobView{}, false
	}
	return *view, true
}

// Stats returns the queue's counters.
func (q *Queue) Stats() Stats {
	return Stats{
		QueueDepth:    len(q.pending),
		QueueCapacity: cap(q.pending),
		Accepted:      q.accepted.Load(),
		Rejected:      q.rejected.Load(),
		Completed:     q.completed.Load(),
		Failed:        q.failed.Load(),
	}
}

func (q *Queue) set(view *JobView) {
	q.viewsMu.Lock()
	defer q.viewsMu.Unlock()
	q.views[view.ID] = view
}

func (q *Queue) update(id uint64, change func(*JobView)) {
	q.viewsMu.Lock()
	defer q.viewsMu.Unlock()
	view, ok := q.views[id]
	if !ok {
		return
	}
	change(view)
	if view.Status == Done || view.Status == Failed {
		now := time.Now()
		bytes := size(view)
		q.finished = append(q.finished, finishedJob{id: id, at: now, bytes: bytes})
		q.finishedBytes += bytes
		q.evict(now)
	}
}

// evict forgets the oldest finished jobs while the table is over its
// limits; call it with viewsMu held.
func (q *Queue) evict(now time.Time) {
	for len(q.finished) > 0 {
		oldest := q.finished[0]
		tooMany := len(q.finished) > q.retention.Count
		tooBig := q.finishedBytes > q.retention.Bytes && len(q.finished) > 1
		tooOld := now.Sub(oldest.at) > q.retention.Age
		if !tooMany && !tooBig && !tooOld {
			return
		}
		q.finishedBytes -= oldest.bytes
		delete(q.views, oldest.id)
		q.finished = q.finished[1:]
	}
}

// size is what a finished job holds: its error, or its result as JSON.
func size(view *JobView) int {
	if view.Status == Failed {
		return len(view.Error)
	}
	result, _ := json.Marshal(view.Result)
	return len(result)
}

func (q *Queue) forget(id uint64) {
	q.viewsMu.Lock()
	defer q.viewsMu.Unlock()
	delete(q.views, id)
}

// ANCHOR: work
// work is one worker: it runs jobs until the channel is closed and empty.
func (q *Queue) work() {
	for j := range q.pending {
		q.update(j.id, func(v *JobView) { v.Status = Running })
		result, err := run(j.task)
		if err != nil {
			q.failed.Add(1)
			q.update(j.id, func(v *JobView) { v.Status, v.Error = Failed, err.Error() })
			continue
		}
		q.completed.Add(1)
		q.update(j.id, func(v *JobView) { v.Status, v.Result = Done, result })
	}
}

// run runs one task. A task that panics fails with the panic's message, and
// the worker goes on to the next job.
func run(task Task) (result any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the job panicked: %v", p)
		}
	}()
	return task.Run()
}

// ANCHOR_END: work
