// The Go twin of the book's chat server: one room, WebSocket clients
// (github.com/gorilla/websocket), a page to chat from. Same protocol, flags
// and limits as the Rust server beside it; the conformance suite checks both.
//
//	go run . --addr 127.0.0.1:8080
//	go run -tags pprof . --pprof 127.0.0.1:6060   # goroutines at /debug/pprof/goroutine?debug=1
//
// Routes: GET / serves the client page (static/index.html, embedded), GET /ws
// upgrades to the chat protocol (protocol.go). On SIGTERM every client that
// reads gets a close frame with code 1001, what is still open after
// --shutdown-grace-ms is cut, and the process exits 0.
package main

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

//go:embed static/index.html
var page []byte

// servePprof serves net/http/pprof on an address. pprof.go sets it, in a
// build with -tags pprof only, as the Rust twin has tokio-console only with
// its console feature: the default build of each, the one the book
// measures, links neither.
var servePprof func(addr string)

// config holds the flags; see config.rs for the table.
type config struct {
	addr            string
	joinTimeout     time.Duration
	maxMessageBytes int64
	ratePerSec      int
	buffer          int
	writeTimeout    time.Duration
	headerTimeout   time.Duration
	shutdownGrace   time.Duration
	sendBufferBytes int
	pprofAddr       string
}

func parseFlags(args []string, output io.Writer) (config, error) {
	fs := flag.NewFlagSet("chat-server", flag.ContinueOnError)
	fs.SetOutput(output)
	var cfg config
	var joinTimeoutMs, writeTimeoutMs, headerTimeoutMs, shutdownGraceMs int
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "where to listen (127.0.0.1:0: any free port)")
	fs.IntVar(&joinTimeoutMs, "join-timeout-ms", 2000, "how long a client may take to send join")
	fs.Int64Var(&cfg.maxMessageBytes, "max-message-bytes", 4096, "the largest frame a client may send")
	fs.IntVar(&cfg.ratePerSec, "rate-per-sec", 5, "messages a client may send per second (and burst)")
	fs.IntVar(&cfg.buffer, "buffer", 64, "broadcasts kept for clients that read slowly")
	fs.IntVar(&writeTimeoutMs, "write-timeout-ms", 10000, "how long one frame may take to reach a client before it is dropped")
	fs.IntVar(&headerTimeoutMs, "header-timeout-ms", 10000, "how long a connection may take to send its request headers")
	fs.IntVar(&shutdownGraceMs, "shutdown-grace-ms", 5000, "how long shutdown waits for connections before it cuts them")
	fs.IntVar(&cfg.sendBufferBytes, "send-buffer-bytes", 0, "the kernel's send buffer for each connection (0: the kernel sizes it); at most 2147483647, as setsockopt takes a C int")
	fs.StringVar(&cfg.pprofAddr, "pprof", "", "serve net/http/pprof on this address (off when empty; needs a build with -tags pprof)")
	// Parse prints its own errors, and the usage, to output; -h gives
	// flag.ErrHelp after the usage. The checks below print theirs the same way.
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	usageError := func(err error) (config, error) {
		fmt.Fprintln(fs.Output(), err)
		fs.Usage()
		return config{}, err
	}
	if fs.NArg() > 0 {
		return usageError(fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	if cfg.ratePerSec < 1 || cfg.buffer < 1 || cfg.maxMessageBytes < 1 || writeTimeoutMs < 1 || headerTimeoutMs < 1 {
		return usageError(errors.New("--rate-per-sec, --buffer, --max-message-bytes, --write-timeout-ms and --header-timeout-ms must be at least 1"))
	}
	if shutdownGraceMs < 0 {
		return usageError(errors.New("--shutdown-grace-ms must not be negative"))
	}
	if cfg.sendBufferBytes < 0 || cfg.sendBufferBytes > math.MaxInt32 {
		return usageError(errors.New("--send-buffer-bytes must be between 0 and 2147483647"))
	}
	if cfg.pprofAddr != "" && servePprof == nil {
		return usageError(errors.New("--pprof needs a build with -tags pprof"))
	}
	cfg.joinTimeout = time.Duration(joinTimeoutMs) * time.Millisecond
	cfg.writeTimeout = time.Duration(writeTimeoutMs) * time.Millisecond
	cfg.headerTimeout = time.Duration(headerTimeoutMs) * time.Millisecond
	cfg.shutdownGrace = time.Duration(shutdownGraceMs) * time.Millisecond
	return cfg, nil
}

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, nil)))
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage is printed
	} else if err != nil {
		os.Exit(2) // parseFlags has printed the error and the usage
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	if err := run(ctx, cfg); err != nil {
		slog.Error("the chat server failed", "err", err)
		os.Exit(1)
	}
}

// ANCHOR: run
func run(ctx context.Context, cfg config) error {
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	if cfg.sendBufferBytes > 0 {
		ln = sendBufferListener{Listener: ln, bytes: cfg.sendBufferBytes}
	}
	chat := newChatServer(ctx, cfg)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("GET /ws", chat.serveWS)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: cfg.headerTimeout}
	if cfg.pprofAddr != "" {
		go servePprof(cfg.pprofAddr)
	}
	slog.Info("listening on", "addr", ln.Addr().String())

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
	}
	slog.Info("shutting down", "grace", cfg.shutdownGrace)
	// ANCHOR: shutdown
	// Shutdown stops accepting and waits for plain requests, but forgets
	// hijacked WebSocket connections: chat.conns waits for those, while
	// each one sends its close frame (see serveWS). What is still open
	// when the grace runs out is cut, and the exit status is still 0.
	deadline, cancel := context.WithTimeout(context.Background(), cfg.shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(deadline); errors.Is(err, context.DeadlineExceeded) {
		srv.Close() // cuts requests still unfinished, such as half-sent headers
	} else if err != nil {
		return err
	}
	done := make(chan struct{})
	go func() {
		chat.conns.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-deadline.Done():
		slog.Warn("cut the connections still open", "grace", cfg.shutdownGrace)
	}
	return nil
	// ANCHOR_END: shutdown
}

// ANCHOR_END: run

// sendBufferListener gives each accepted connection a fixed kernel send
// buffer: the writes to a client that stops reading block after kilobytes
// rather than megabytes, so it reaches --buffer and lags that much sooner.
type sendBufferListener struct {
	net.Listener
	bytes int
}

func (l sendBufferListener) Accept() (net.Conn, error) {
	conn, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		if err := tcp.SetWriteBuffer(l.bytes); err != nil {
			slog.Warn("cannot set the send buffer", "bytes", l.bytes, "err", err)
		}
	}
	return conn, nil
}
