//go:build pprof

// net/http/pprof for the job queue, in a build with -tags pprof only, as
// the chat server has it. `cargo xtask bench job-queue` builds this way to
// take the CPU profile its PGO build of the twin is made from:
//
//	go run -tags pprof . --pprof 127.0.0.1:6060
//	go tool pprof 'http://127.0.0.1:6060/debug/pprof/profile?seconds=10'

package main

import (
	"log/slog"
	"net/http"
	_ "net/http/pprof" // registers /debug/pprof on http.DefaultServeMux
	"time"
)

func init() {
	servePprof = func(addr string) {
		// The jobs are served by their own handler; this server has only
		// what net/http/pprof registered on the default mux.
		srv := &http.Server{Addr: addr, ReadHeaderTimeout: 10 * time.Second}
		err := srv.ListenAndServe()
		slog.Error("the pprof server stopped", "addr", addr, "err", err)
	}
}
