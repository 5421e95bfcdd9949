// The job queue server: accepts jobs over HTTP, runs them on a fixed pool
// of workers, refuses work when its bounded queue is full, and on SIGTERM
// or Ctrl-C finishes every accepted job before it exits, within a drain
// deadline (exit 0), or says how many it abandoned (exit 1).
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
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// Config is the server's settings; JOBQ_ADDR, JOBQ_WORKERS and
// JOBQ_QUEUE_CAPACITY set the defaults of the first three flags, and the
// limits and timeouts are flags only.
type Config struct {
	Addr          string
	Workers       int
	QueueCapacity int
	Limits        Limits
	Retention     Retention
	// PprofAddr serves net/http/pprof there; "" for none (the default).
	PprofAddr string
}

// servePprof serves net/http/pprof on an address. pprof.go sets it, in a
// build with -tags pprof only, so the default build, the one the book
// measures, does not link net/http/pprof. The Rust twin has no profiling
// endpoint (samply or cargo flamegraph profile it from outside).
var servePprof func(addr string)

// ANCHOR: limits
// Limits say how long the server waits for slow clients and for its own
// drain, and how many connections it serves at once.
type Limits struct {
	// A request's headers must arrive within HeaderTimeout of the
	// connection opening, or of the previous response on it.
	HeaderTimeout time.Duration
	// A request's body must arrive within BodyTimeout of its headers.
	BodyTimeout time.Duration
	// After the first signal, accepted jobs have DrainTimeout to finish.
	DrainTimeout time.Duration
	// Connections served at once; more wait in the kernel's backlog.
	MaxConnections int
}

// ANCHOR_END: limits

func parseConfig(args []string, lookupEnv func(string) (string, bool), output io.Writer) (Config, error) {
	fs := flag.NewFlagSet("job-queue", flag.ContinueOnError)
	fs.SetOutput(output)
	// A variable that is set, even to "", but is not a valid value is an
	// error, as a bad flag is, unless the flag it stands for is given
	// (checked after Parse). The Rust twin's clap does the same.
	envErrs := map[string]error{}
	envInt := func(flagName, key string, def int) int {
		value, ok := lookupEnv(key)
		if !ok {
			return def
		}
		n, err := strconv.Atoi(value)
		if err != nil {
			envErrs[flagName] = fmt.Errorf("invalid value %q for %s: not a whole number", value, key)
			return def
		}
		return n
	}
	addr, ok := lookupEnv("JOBQ_ADDR")
	if !ok {
		addr = "127.0.0.1:8080"
	} else if addr == "" {
		envErrs["addr"] = errors.New(`invalid value "" for JOBQ_ADDR: empty`)
	}
	var c Config
	fs.StringVar(&c.Addr, "addr", addr, "listen address")
	fs.IntVar(&c.Workers, "workers", envInt("workers", "JOBQ_WORKERS", 4), "number of workers")
	fs.IntVar(&c.QueueCapacity, "queue-capacity", envInt("queue-capacity", "JOBQ_QUEUE_CAPACITY", 64), "jobs that may wait")
	fs.DurationVar(&c.Limits.HeaderTimeout, "header-timeout", 10*time.Second, "time for a request's headers")
	fs.DurationVar(&c.Limits.BodyTimeout, "body-timeout", 10*time.Second, "time for a request's body")
	fs.DurationVar(&c.Limits.DrainTimeout, "drain-timeout", 25*time.Second, "time for the drain")
	fs.IntVar(&c.Limits.MaxConnections, "max-connections", 512, "connections served at once")
	d := DefaultRetention
	fs.IntVar(&c.Retention.Count, "keep-finished", d.Count, "finished jobs remembered")
	fs.IntVar(&c.Retention.Bytes, "keep-finished-bytes", d.Bytes, "bytes of finished results and errors remembered")
	fs.DurationVar(&c.Retention.Age, "keep-finished-for", d.Age, "how long finished jobs are remembered")
	fs.StringVar(&c.PprofAddr, "pprof", "", "serve net/http/pprof on this address (needs a build with -tags pprof)")
	// Parse prints its own errors, and the usage, to output; -h gives
	// flag.ErrHelp after the usage. The checks below print theirs the same way.
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	usageError := func(err error) (Config, error) {
		fmt.Fprintln(fs.Output(), err)
		fs.Usage()
		return Config{}, err
	}
	if fs.NArg() > 0 {
		return usageError(fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	fs.Visit(func(f *flag.Flag) { delete(envErrs, f.Name) })
	for _, name := range []string{"addr", "workers", "queue-capacity"} {
		if err := envErrs[name]; err != nil {
			return usageError(err)
		}
	}
	if c.Workers < 1 || c.QueueCapacity < 1 || c.Limits.MaxConnections < 1 {
		return usageError(errors.New("--workers, --queue-capacity and --max-connections must be at least 1"))
	}
	if c.PprofAddr != "" && servePprof == nil {
		return usageError(errors.New("--pprof needs a build with -tags pprof"))
	}
	return c, nil
}

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, nil)))
	config, err := parseConfig(os.Args[1:], os.LookupEnv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage is printed
	} else if err != nil {
		os.Exit(2) // parseConfig has printed the error and the usage
	}
	abandoned, err := serve(config)
	if err != nil {
		slog.Error("the job queue failed", "err", err)
		os.Exit(1)
	}
	if abandoned > 0 {
		os.Exit(1)
	}
}

// ANCHOR: serve
// serve serves until a signal, then drains: refuse new work, finish the
// queued jobs, and only then stop the HTTP server. It returns how many
// accepted jobs did not finish: the drain deadline passed, or a second
// signal came.
func serve(config Config) (uint64, error) {
	// Caught before the server says it listens: from then on, a signal
	// starts the drain instead of killing the process.
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)

	q := NewQueue(config.QueueCapacity, config.Workers, config.Retention)
	ln, err := net.Listen("tcp", config.Addr)
	if err != nil {
		return 0, err
	}
	slog.Info("listening on", "addr", ln.Addr().String(),
		"workers", config.Workers, "queue_capacity", config.QueueCapacity)
	if config.PprofAddr != "" {
		go servePprof(config.PprofAddr)
	}

	limits := config.Limits
	srv := &http.Server{
		Handler:           NewHandler(q, limits.BodyTimeout),
		ReadHeaderTimeout: limits.HeaderTimeout,
		// Waiting for the next request counts as waiting for its headers.
		IdleTimeout: limits.HeaderTimeout,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(newLimitListener(ln, limits.MaxConnections)) }()

	select {
	case err := <-served:
		return 0, err
	case <-signals:
	}
	slog.Info("draining: new requests get 503")
	q.Close()
	ctx, cancel := context.WithTimeout(context.Background(), limits.DrainTimeout)
	defer cancel()
	drained := make(chan struct{})
	go func() { q.Wait(); close(drained) }()
	select {
	case <-drained:
		// Requests in flight get their answers; idle connections close now.
		shutdown := make(chan error, 1)
		go func() { shutdown <- srv.Shutdown(ctx) }()
		select {
		case err = <-shutdown:
		case <-signals:
			err = errors.New("a second signal")
		}
		if err != nil {
			slog.Warn("closing the connections still open")
		}
	case <-ctx.Done():
		slog.Warn("the drain was cut short: deadline passed or second signal")
	case <-signals:
		slog.Warn("the drain was cut short: deadline passed or second signal")
	}
	srv.Close()

	s := q.Stats()
	abandoned := s.Accepted - s.Completed - s.Failed
	slog.Info("drained", "accepted", s.Accepted, "completed", s.Completed,
		"failed", s.Failed, "rejected", s.Rejected, "abandoned", abandoned)
	return abandoned, nil
}

// ANCHOR_END: serve

// ANCHOR: limit
// limitListener accepts at most n connections at once: past the limit,
// Accept waits for one of them to close, and new connections wait in the
// kernel's backlog instead of taking file descriptors.
type limitListener struct {
	net.Listener
	slots     chan struct{}
	closed    chan struct{}
	closeOnce sync.Once
}

func newLimitListener(ln net.Listener, n int) *limitListener {
	return &limitListener{Listener: ln, slots: make(chan struct{}, n), closed: make(chan struct{})}
}

func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.closed:
		return nil, net.ErrClosed
	}
	conn, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitedConn{Conn: conn, release: sync.OnceFunc(func() { <-l.slots })}, nil
}

func (l *limitListener) Close() error {
	l.closeOnce.Do(func() { close(l.closed) })
	return l.Listener.Close()
}

// limitedConn gives its slot back when it is closed.
type limitedConn struct {
	net.Conn
	release func()
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.release()
	return err
}

// CloseWrite lets net/http half-close the connection before closing it, as
// it does with a bare TCP connection, so the client reads a last answer.
func (c *limitedConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// ANCHOR_END: limit
