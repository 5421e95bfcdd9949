// Tests of Banner that hold with and without -tags verbose.
package features

import (
	"strings"
	"testing"
)

// ANCHOR: tests
func TestBannerFollowsTheTag(t *testing.T) {
	line := Banner(8080)
	if !strings.HasPrefix(line, "listening on :8080") {
		t.Errorf("Banner = %q", line)
	}
	if got := strings.Contains(line, "(pid "); got != verbose {
		t.Errorf("Banner = %q with verbose = %v", line, verbose)
	}
}

// ANCHOR_END: tests
