package closures

import (
	"errors"
	"testing"
)

// ANCHOR: tests
func TestClosuresKeepTheirCapturesBetweenCalls(t *testing.T) {
	hello := Greeter("Hi")
	if got := hello("ann") + " " + hello("bo"); got != "Hi, ann! Hi, bo!" {
		t.Errorf("greetings = %q", got)
	}
	first, second := Counter(), Counter()
	if got := [3]int{first(), first(), second()}; got != [3]int{1, 2, 1} {
		t.Errorf("counts = %v", got)
	}
	out := make(chan []string, 2)
	send := Sender([]string{"done"}, out)
	send()
	send() // nothing stops a second call: the report goes out twice
	if len(out) != 2 {
		t.Errorf("%d reports sent, want 2", len(out))
	}
}

func TestRetryCallsAClosureThatChangesItsState(t *testing.T) {
	cases := []struct{ fails, attempts, want, calls int }{
		{2, 5, 3, 3},
		{9, 3, 0, 3},
	}
	for _, tc := range cases {
		calls := 0
		got, err := Retry(tc.attempts, func() (int, error) {
			calls++ // the closure and the test share `calls`
			if calls > tc.fails {
				return calls, nil
			}
			return 0, errors.New("not yet")
		})
		if got != tc.want || calls != tc.calls || (err == nil) != (tc.want != 0) {
			t.Errorf("Retry = %d, %v after %d calls", got, err, calls)
		}
	}
}

func TestAGoroutineSharesTheWords(t *testing.T) {
	if got := CountElsewhere([]string{"go", "rust"}); got != 2 {
		t.Errorf("CountElsewhere = %d, want 2", got)
	}
}

// ANCHOR_END: tests
