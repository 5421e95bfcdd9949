package main

import (
	"strings"
	"testing"
	"time"
)

func TestValidateName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		input string
		ok    bool
	}{
		{"plain", "ada", true},
		{"digits, dash and underscore", "ada_99-x", true},
		{"twenty characters", strings.Repeat("a", 20), true},
		{"empty", "", false},
		{"twenty-one characters", strings.Repeat("a", 21), false},
		{"space", "ada lovelace", false},
		{"markup", "<script>", false},
		{"non-ASCII", "zoë", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := validateName(tc.input)
			if (err == nil) != tc.ok {
				t.Errorf("validateName(%q) = %v, want ok=%v", tc.input, err, tc.ok)
			}
		})
	}
}

func TestRateLimiterAllowsABurstThenTheRate(t *testing.T) {
	t.Parallel()
	start := time.Now()
	limiter := newRateLimiter(3, start)
	steps := []struct {
		ms   int
		want bool
	}{
		{0, true}, {0, true}, {0, true},
		{0, false}, // the burst of three is spent
		{100, false},
		{334, true}, // a third of a second buys one token
		{334, false},
		{5000, true}, {5000, true}, {5000, true}, // a long pause refills, up to three
		{5000, false},
	}
	for i, step := range steps {
		now := start.Add(time.Duration(step.ms) * time.Millisecond)
		if got := limiter.allow(now); got != step.want {
			t.Errorf("step %d at %d ms: allow = %v, want %v", i, step.ms, got, step.want)
		}
	}
}

func TestClockGoingBackwardsCostsNothing(t *testing.T) {
	t.Parallel()
	start := time.Now()
	limiter := newRateLimiter(1, start)
	if !limiter.allow(start) {
		t.Fatal("the first message is allowed")
	}
	if limiter.allow(start.Add(-time.Second)) {
		t.Error("going back in time must not refill the bucket")
	}
}
