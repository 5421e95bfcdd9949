package deadline

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

func TestADeadlineStopsTheLateFetch(t *testing.T) {
	cases := []struct {
		name    string
		answer  bool
		want    uint64
		wantErr error
	}{
		{"answered in time", true, 42, nil},
		{"never answered", false, 0, context.DeadlineExceeded},
	}
	for _, tc := range cases {
		// In a synctest bubble the clock moves only when every goroutine in
		// it is blocked: the deadline cannot pass while an answer waits in
		// reply, and the unanswered case takes no real time.
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				reply := make(chan uint64, 1)
				if tc.answer {
					reply <- 42
				}
				var conn Connection
				// The second is only reached when nobody answers.
				got, err := PriceWithin(time.Second, reply, &conn)
				if got != tc.want || !errors.Is(err, tc.wantErr) {
					t.Errorf("PriceWithin = %d, %v; want %d, %v", got, err, tc.want, tc.wantErr)
				}
				if !conn.Released {
					t.Error("the connection was not released")
				}
			})
		})
	}
}
