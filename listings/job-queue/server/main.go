// The job queue server: accepts jobs over HTTP, runs them on a fixed pool
// of workers, refuses work when its bounded queue is full, and on SIGTERM
// or Ctrl-C finishes every accepted job before it exits.
//
//	go run . --addr 127.0.0.1:8080 --workers 4 --queue-capacity 64
//	curl -i -H 'Content-Type: application/json' \
//	     -d '{"kind":"wordcount","payload":{"text":"hello gopher"}}' localhost:8080/jobs

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
	"strconv"
	"syscall"
	"time"
)

// Config is the server's settings; JOBQ_ADDR, JOBQ_WORKERS and
// JOBQ_QUEUE_CAPACITY set the defaults of the flags.
type Config struct {
	Addr          string
	Workers       int
	QueueCapacity int
}

func parseConfig(args []string, getenv func(string) string) (Config, error) {
	fs := flag.NewFlagSet("job-queue", flag.ContinueOnError)
	envInt := func(key string, def int) int {
		if n, err := strconv.Atoi(getenv(key)); err == nil {
			return n
		}
		return def
	}
	addr := getenv("JOBQ_ADDR")
	if addr == "" {
		addr = "127.0.0.1:8080"
	}
	var c Config
	fs.StringVar(&c.Addr, "addr", addr, "listen address")
	fs.IntVar(&c.Workers, "workers", envInt("JOBQ_WORKERS", 4), "number of workers")
	fs.IntVar(&c.QueueCapacity, "queue-capacity", envInt("JOBQ_QUEUE_CAPACITY", 64), "jobs that may wait")
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	if c.Workers < 1 || c.QueueCapacity < 1 {
		return Config{}, errors.New("--workers and --queue-capacity must be at least 1")
	}
	return c, nil
}

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, nil)))
	config, err := parseConfig(os.Args[1:], os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "job-queue:", err)
		os.Exit(2)
	}
	if err := serve(config); err != nil {
		slog.Error(err.Error())
		os.Exit(1)
	}
}

// ANCHOR: serve
// serve serves until a signal, then drains: refuse new work, finish the
// queued jobs, and only then stop the HTTP server.
func serve(config Config) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	q := NewQueue(config.QueueCapacity, config.Workers)
	ln, err := net.Listen("tcp", config.Addr)
	if err != nil {
		return err
	}
	slog.Info("listening on", "addr", ln.Addr().String(),
		"workers", config.Workers, "queue_capacity", config.QueueCapacity)

	srv := &http.Server{Handler: NewHandler(q), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	stop()
	slog.Info("draining: new requests get 503")
	q.Close()
	q.Wait()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}

	s := q.Stats()
	slog.Info("drained", "accepted", s.Accepted, "completed", s.Completed,
		"failed", s.Failed, "rejected", s.Rejected)
	return nil
}

// ANCHOR_END: serve
