package defaults

import (
	"testing"
	"time"
)

// ANCHOR: tests
func TestStartingFromTheDefaults(t *testing.T) {
	verbose := DefaultServerConfig()
	verbose.Verbose = true
	address := DefaultServerConfig()
	address.Addr = "0.0.0.0:80"
	cases := []struct {
		name    string
		config  ServerConfig
		addr    string
		workers int
		verbose bool
		timeout time.Duration
	}{
		{"nothing named", DefaultServerConfig(), "127.0.0.1:8080", 4, false, 30 * time.Second},
		{"verbose only", verbose, "127.0.0.1:8080", 4, true, 30 * time.Second},
		{"address only", address, "0.0.0.0:80", 4, false, 30 * time.Second},
		// A literal does not call the constructor: what it leaves out is zero.
		{"a bare literal", ServerConfig{Verbose: true}, "", 0, true, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.config
			if c.Addr != tc.addr || c.Workers != tc.workers ||
				c.Verbose != tc.verbose || c.ReadTimeout != tc.timeout {
				t.Errorf("config = %+v", c)
			}
		})
	}
}

func TestTheZeroStatsAreReady(t *testing.T) {
	var s Stats
	s.Requests++
	if s != (Stats{Requests: 1}) {
		t.Errorf("stats = %+v", s)
	}
}

// ANCHOR_END: tests
