// Package embedding embeds a struct in another and uses its promoted
// methods. The traits chapter sets it beside a Rust field with explicit
// forwarding.
package embedding

import "fmt"

// ANCHOR: logger
// Logger collects log lines, each with a prefix.
type Logger struct {
	Prefix string
	Lines  []string
}

// Logf formats a message and records it.
func (l *Logger) Logf(format string, args ...any) {
	l.Lines = append(l.Lines, l.Prefix+fmt.Sprintf(format, args...))
}

// ANCHOR_END: logger

// ANCHOR: server
// Server embeds a *Logger: Logf and Lines are promoted, so s.Logf and
// s.Lines work as if Server had declared them.
type Server struct {
	*Logger
	Addr string
}

// NewServer returns a server with its own logger.
func NewServer(addr string) *Server {
	return &Server{Logger: &Logger{Prefix: "[server] "}, Addr: addr}
}

// Start records that the server is listening.
func (s *Server) Start() {
	s.Logf("listening on %s", s.Addr)
}

// ANCHOR_END: server
