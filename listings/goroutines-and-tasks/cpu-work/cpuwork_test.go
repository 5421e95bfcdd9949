package cpuwork

import (
	"testing"
)

func numbers() []uint64 {
	ns := make([]uint64, 100_000)
	for i := range ns {
		ns[i] = uint64(i + 1)
	}
	return ns
}

// ANCHOR: test-par-iter
func TestTotalStepsGivesTheSequentialAnswer(t *testing.T) {
	ns := numbers()
	if got, want := TotalSteps(ns), TotalStepsSequential(ns); got != want {
		t.Fatalf("TotalSteps = %d, sequentially %d", got, want)
	}
	if got := TotalSteps(ns); got != 10_753_840 {
		t.Fatalf("TotalSteps = %d, want 10753840", got)
	}
}

// ANCHOR_END: test-par-iter

func TestTotalStepsOfFewerNumbersThanGoroutines(t *testing.T) {
	for _, ns := range [][]uint64{nil, {1}, {3, 7}} {
		if got, want := TotalSteps(ns), TotalStepsSequential(ns); got != want {
			t.Errorf("TotalSteps(%v) = %d, sequentially %d", ns, got, want)
		}
	}
}

func TestInBackgroundHandsTheResultBack(t *testing.T) {
	ns := numbers()
	result := InBackground(func() uint64 { return TotalSteps(ns) })
	if got := <-result; got != 10_753_840 {
		t.Fatalf("InBackground(TotalSteps) = %d, want 10753840", got)
	}
}
