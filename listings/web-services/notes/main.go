// Command notes is a small notes service: create, get and list notes over
// JSON, stored in SQLite. It serves until SIGTERM or Ctrl-C, then lets
// requests in flight finish and exits 0.
//
// Usage: notes --addr 127.0.0.1:8080 --db notes.db
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
	flag.Parse()
	if err := run(*addr, *dbPath); err != nil {
		slog.Error("notes failed", "err", err)
		os.Exit(1)
	}
}

func run(addr, dbPath string) error {
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
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       time.Minute,
	}
	slog.Info("listening on " + listener.Addr().String())

	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	slog.Info("shutting down")
	// Stop accepting, and give requests in flight a bounded time to finish.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
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
