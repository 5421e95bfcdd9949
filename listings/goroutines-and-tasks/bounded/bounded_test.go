package bounded

import (
	"context"
	"errors"
	"slices"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// gauge counts the jobs in flight and remembers the most at once.
type gauge struct{ now, max atomic.Int64 }

func (g *gauge) enter() {
	n := g.now.Add(1)
	for {
		m := g.max.Load()
		if n <= m || g.max.CompareAndSwap(m, n) {
			return
		}
	}
}

func (g *gauge) leave() { g.now.Add(-1) }

// The sleeps run on the fake clock of a synctest bubble: every job is
// inside its sleep before time moves, so the most at once is exact.
func TestRunNeverExceedsTheLimit(t *testing.T) {
	cases := []struct {
		name        string
		jobs, limit int
		wantMax     int64
	}{
		{"one at a time", 5, 1, 1},
		{"three at a time", 10, 3, 3},
		{"limit above the jobs", 2, 8, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var g gauge
				jobs := make([]int, tc.jobs)
				want := make([]int, tc.jobs)
				for i := range jobs {
					jobs[i], want[i] = i, i*i
				}
				got := Run(jobs, tc.limit, func(n int) int {
					g.enter()
					defer g.leave()
					time.Sleep(10 * time.Millisecond)
					return n * n
				})
				if !slices.Equal(got, want) {
					t.Errorf("Run = %v, want %v", got, want)
				}
				if m := g.max.Load(); m != tc.wantMax {
					t.Errorf("at most %d jobs ran at once, want %d", m, tc.wantMax)
				}
			})
		})
	}
}

var errJob2 = errors.New("job 2 failed")

// Job 2 fails after 1 ms; the others would take an hour. The group cancels
// ctx, every other job returns at once, and none finishes its hour.
func TestRunAllCancelsTheRestOnTheFirstError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var started, finished atomic.Int64
		begin := time.Now()
		err := RunAll(t.Context(), []int{1, 2, 3, 4, 5}, 3, func(ctx context.Context, job int) error {
			started.Add(1)
			if job == 2 {
				time.Sleep(time.Millisecond)
				return errJob2
			}
			select {
			case <-time.After(time.Hour):
				finished.Add(1)
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		if !errors.Is(err, errJob2) {
			t.Fatalf("RunAll = %v, want %v", err, errJob2)
		}
		if took := time.Since(begin); took != time.Millisecond {
			t.Errorf("RunAll took %v on the bubble's clock, want 1ms", took)
		}
		// Jobs 4 and 5 still start, once a slot is free, and see ctx done.
		if s, f := started.Load(), finished.Load(); s != 5 || f != 0 {
			t.Errorf("%d jobs started and %d finished, want 5 and 0", s, f)
		}
	})
}
