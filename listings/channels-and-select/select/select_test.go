package selects

import (
	"errors"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

// In a synctest bubble the clock is fake, so the timeout takes no real time.
func TestRecvTimeoutTellsTheThreeOutcomesApart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		messages := make(chan int, 1)
		messages <- 7
		if m, err := RecvTimeout(messages, time.Second); m != 7 || err != nil {
			t.Errorf("with a message: %d, %v", m, err)
		}
		// Nothing is ever sent now, so the timer must win.
		if _, err := RecvTimeout(messages, time.Second); !errors.Is(err, ErrTimeout) {
			t.Errorf("silent channel: %v, want ErrTimeout", err)
		}
		close(messages)
		if _, err := RecvTimeout(messages, time.Second); !errors.Is(err, ErrClosed) {
			t.Errorf("closed channel: %v, want ErrClosed", err)
		}
	})
}

func TestMergeKeepsEveryMessageOfBoth(t *testing.T) {
	cases := []struct {
		name         string
		fromA, fromB []string
	}{
		{"both empty", nil, nil},
		{"one side only", []string{"a1", "a2"}, nil},
		{"both sides", []string{"a1", "a2", "a3"}, []string{"b1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, b := make(chan string, 8), make(chan string, 8)
			for _, m := range tc.fromA {
				a <- m
			}
			for _, m := range tc.fromB {
				b <- m
			}
			close(a)
			close(b)
			got := Merge(a, b)
			want := slices.Concat(tc.fromA, tc.fromB)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("Merge = %v, want %v", got, want)
			}
		})
	}
}

func TestDrainTakesWhatIsWaitingAndReturns(t *testing.T) {
	jobs := make(chan string, 4)
	if got := Drain(jobs); len(got) != 0 {
		t.Errorf("nothing sent yet, Drain = %v", got)
	}
	jobs <- "a"
	jobs <- "b"
	if got := Drain(jobs); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("Drain = %v, want [a b]", got)
	}
	if got := Drain(jobs); len(got) != 0 {
		t.Errorf("the channel is open but silent, Drain = %v", got)
	}
}

func TestSubmitRefusesWhenFull(t *testing.T) {
	queue := make(chan string, 2)
	for _, tc := range []struct {
		job  string
		want bool
	}{{"1", true}, {"2", true}, {"3", false}} {
		if got := Submit(queue, tc.job); got != tc.want {
			t.Errorf("Submit(%q) = %t, want %t", tc.job, got, tc.want)
		}
	}
}

// ANCHOR: closed
func TestSubmitToAClosedQueuePanics(t *testing.T) {
	queue := make(chan string, 1)
	close(queue)
	defer func() {
		if recover() == nil {
			t.Error("Submit on a closed channel did not panic")
		}
	}()
	Submit(queue, "late")
}

// ANCHOR_END: closed
