package receivers

import "testing"

// ANCHOR: tests
func TestCountingThenFinishing(t *testing.T) {
	cases := []struct {
		name string
		n    int
	}{
		{"never hit", 0}, {"hit once", 1}, {"hit often", 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var c Counter
			HitTimes(&c, tc.n)
			if c.Hits() != tc.n {
				t.Errorf("Hits() = %d, want %d", c.Hits(), tc.n)
			}
			if got := c.Finish(); got != (Report{Hits: tc.n}) {
				t.Errorf("Finish() = %+v", got)
			}
		})
	}
}

// A copy of a Counter is a separate counter: hitting it leaves the
// original alone.
func TestACopyCountsSeparately(t *testing.T) {
	var c Counter
	d := c
	d.Hit()
	if c.Hits() != 0 || d.Hits() != 1 {
		t.Errorf("c = %d, d = %d, want 0 and 1", c.Hits(), d.Hits())
	}
}

// Finish does not end anything: the counter still counts.
func TestHitAfterFinishStillCounts(t *testing.T) {
	var c Counter
	report := c.Finish()
	c.Hit()
	if report.Hits != 0 || c.Hits() != 1 {
		t.Errorf("report = %+v, hits = %d", report, c.Hits())
	}
}

// ANCHOR_END: tests
