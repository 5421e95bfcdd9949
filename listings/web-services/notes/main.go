// Command notes is a small notes service: create, get and list notes over
// JSON, stored in SQLite. It serves until SIGTERM or Ctrl-C, then lets
// requests in flight finish and exits 0. A connection whose request headers
// are not in within --header-timeout (also the limit on an idle keep-alive
// connection) is closed; if requests are still running --shutdown-timeout
// after the signal, it gives up on them and exits 1.
//
// Usage: notes --addr 127.0.0.1:8080 --db notes.db [--header-timeout 5s] [--shutdown-timeout 10s]
package main

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// ANCHOR: main
func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	dbPath := flag.String("db", "notes.db", "SQLite database file")
	var limits Limits
	flag.DurationVar(&limits.HeaderTimeout, "header-timeout", 5*time.Second,
		"time for a request's headers, and for the next request on an idle connection")
	flag.DurationVar(&limits.ShutdownTimeout, "shutdown-timeout", 10*time.Second,
		"time requests in flight get after SIGTERM")
	flag.Parse()
	if err := run(*addr, *dbPath, limits); err != nil {
		slog.Error("notes failed", "err", err)
		os.Exit(1)
	}
}

// Limits are how long the server waits for slow clients and for its own
// shutdown.
type Limits struct {
	HeaderTimeout   time.Duration
	ShutdownTimeout time.Duration
}

func run(addr, dbPath string, limits Limits) error {
	// SIGTERM is what docker stop and systemd send.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	store, err := OpenStore(dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	server := &http.Server{
		Handler:           newHandler(store),
		ReadHeaderTimeout: limits.HeaderTimeout,
		// The same limit for the wait between requests, as in the Rust
		// twin, where hyper's header timer also runs while a connection idles.
		IdleTimeout: limits.HeaderTimeout,
	}
	slog.Info("listening on", "addr", listener.Addr().String())

	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	slog.Info("shutting down")
	// Stop accepting, and give requests in flight a bounded time to finish.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), limits.ShutdownTimeout)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	slog.Info("shut down cleanly")
	return nil
}

// ANCHOR_END: main
