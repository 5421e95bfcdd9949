//go:build pprof

// net/http/pprof for the chat server, in a build with -tags pprof only:
//
//	go run -tags pprof . --pprof 127.0.0.1:6060
//	curl 'http://127.0.0.1:6060/debug/pprof/goroutine?debug=1'

package main

import (
	"log/slog"
	"net/http"
	_ "net/http/pprof" // registers /debug/pprof on http.DefaultServeMux
	"time"
)

func init() {
	servePprof = func(addr string) {
		// The chat itself is served by its own mux; this server has only
		// what net/http/pprof registered on the default one.
		srv := &http.Server{Addr: addr, ReadHeaderTimeout: 10 * time.Second}
		err := srv.ListenAndServe()
		slog.Error("the pprof server stopped", "addr", addr, "err", err)
	}
}
