// The rules a client must keep, as in limits.rs: what a name may look like
// and how fast it may talk. No I/O, so tests pass made-up names and clocks.

package main

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// maxNameLen is the longest name, in characters (all ASCII, so bytes too).
const maxNameLen = 20

// ANCHOR: name
// validateName accepts 1 to 20 ASCII letters, digits, '_' or '-'.
func validateName(name string) error {
	if name == "" {
		return errors.New("a name cannot be empty")
	}
	if len(name) > maxNameLen {
		return fmt.Errorf("a name has at most %d characters", maxNameLen)
	}
	for _, c := range name {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
		if !ok {
			return fmt.Errorf("a name cannot contain %q", c)
		}
	}
	return nil
}

// ANCHOR_END: name

// ANCHOR: rate
// rateLimiter is a token bucket: at most perSec tokens, perSec more every
// second, one per message. A client may burst one second's worth.
type rateLimiter struct {
	perSec float64
	tokens float64
	last   time.Time
}

func newRateLimiter(perSec int, now time.Time) *rateLimiter {
	rate := float64(max(perSec, 1))
	return &rateLimiter{perSec: rate, tokens: rate, last: now}
}

// allow takes a token if there is one. The caller passes the time, so
// tests need no sleeping.
func (l *rateLimiter) allow(now time.Time) bool {
	elapsed := max(now.Sub(l.last), 0)
	l.last = now
	l.tokens = math.Min(l.tokens+elapsed.Seconds()*l.perSec, l.perSec)
	if l.tokens >= 1 {
		l.tokens--
		return true
	}
	return false
}

// ANCHOR_END: rate
