// Command shortener is a rate-limited URL shortener on SQLite: the Go
// original of the book's services capstone, which the reader ports to Rust.
// The exercise's black-box suite (../tests/suite.rs) holds both.
//
//	POST /links         {"url": "..."}: 201 with the new link as JSON and
//	                    Location: /links/{code}; rate-limited per client
//	GET  /{code}        302 to the link's URL, counting the hit
//	GET  /links/{code}  200 with the link as JSON: code, url, hits
//
// It prints "listening on ADDR" once it accepts connections, and on SIGTERM
// or Ctrl-C lets the requests under way finish, at most --shutdown-timeout,
// then exits 0 (1 if they did not finish in time).
//
// Usage: shortener --db links.db [--addr 127.0.0.1:8080] [--rate 30] [--burst 10]
// [--client-header X-Real-IP] [--header-timeout 5s] [--shutdown-timeout 10s]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// ANCHOR: config
// Config is what the flags set.
type Config struct {
	Addr, DB string
	// Rate is how many links a client may create per minute on average,
	// Burst how many at once.
	Rate, Burst int
	// ClientHeader names the header that a trusted proxy in front of the
	// service sets to the client's address; without it the client is the
	// connection's peer address.
	ClientHeader    string
	HeaderTimeout   time.Duration
	ShutdownTimeout time.Duration
}

// ANCHOR_END: config

func main() {
	var c Config
	flag.StringVar(&c.Addr, "addr", "127.0.0.1:8080", "address to listen on")
	flag.StringVar(&c.DB, "db", "links.db", "SQLite database file")
	flag.IntVar(&c.Rate, "rate", 30, "links a client may create per minute")
	flag.IntVar(&c.Burst, "burst", 10, "links a client may create at once")
	flag.StringVar(&c.ClientHeader, "client-header", "",
		"header naming the client, set by a trusted proxy (default: the peer address)")
	flag.DurationVar(&c.HeaderTimeout, "header-timeout", 5*time.Second,
		"time for a request's headers, and for the next request on an idle connection")
	flag.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", 10*time.Second,
		"time requests in flight get after SIGTERM")
	flag.Parse()
	if c.Rate < 1 || c.Burst < 1 {
		fmt.Fprintln(os.Stderr, "--rate and --burst must be at least 1")
		os.Exit(2)
	}
	if err := run(c); err != nil {
		slog.Error("shortener failed", "err", err)
		os.Exit(1)
	}
}

// ANCHOR: run
func run(c Config) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	store, err := OpenStore(c.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	listener, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return err
	}
	limiter := NewLimiter(c.Rate, c.Burst)
	server := &http.Server{
		Handler: newHandler(store, limiter, c.ClientHeader),
		// A client that trickles its headers in, or holds an idle
		// connection open, is cut off.
		ReadHeaderTimeout: c.HeaderTimeout,
		IdleTimeout:       c.HeaderTimeout,
		// The whole request, body included, and the whole answer.
		ReadTimeout:  requestTimeout,
		WriteTimeout: requestTimeout,
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
	shutdownCtx, cancel := context.WithTimeout(context.Background(), c.ShutdownTimeout)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// ANCHOR_END: run
