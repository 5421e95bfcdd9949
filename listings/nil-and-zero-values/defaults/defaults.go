// Package defaults shows Go's zero values: fine when zero is the right
// start, and a constructor when it is not. The chapter on nil sets it beside
// Rust's Default.
package defaults

import "time"

// ANCHOR: stats
// Stats holds request statistics. Its zero value is ready to use.
type Stats struct {
	Requests int
	Errors   int
	LastPath string
}

// ANCHOR_END: stats

// ANCHOR: config
// ServerConfig holds server settings. Zero is wrong for most of them, so
// callers start from DefaultServerConfig.
type ServerConfig struct {
	Addr        string
	Workers     int
	ReadTimeout time.Duration
	Verbose     bool
}

// DefaultServerConfig returns the settings to use when nothing is said.
func DefaultServerConfig() ServerConfig {
	return ServerConfig{
		Addr:        "127.0.0.1:8080",
		Workers:     4,
		ReadTimeout: 30 * time.Second,
	}
}

// ANCHOR_END: config
