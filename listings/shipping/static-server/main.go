// Command static-server is a tiny HTTP server, the Go twin of the program
// the "Shipping static binaries" chapter builds as one self-contained file:
// GET /healthz answers ok, and SIGTERM stops it after in-flight requests
// finish, or after shutdownTimeout if they do not.
//
// Run: go run . --addr 127.0.0.1:8080
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// ANCHOR: server
// newMux returns the routes: one health check, enough to prove the binary
// runs.
func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "ok")
	})
	return mux
}

// shutdownTimeout is how long requests in flight get after SIGTERM: less
// than the 10 seconds docker stop waits before it sends SIGKILL.
const shutdownTimeout = 5 * time.Second

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	if err := serve(ctx, listener, newMux(), os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// serve answers on listener until ctx is done, then stops accepting and
// returns once the requests in flight have finished.
func serve(ctx context.Context, listener net.Listener, handler http.Handler, out io.Writer) error {
	server := &http.Server{
		Handler: handler,
		// The zero values mean no limit: a client could hold a
		// connection open forever by sending its request slowly.
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       time.Minute,
	}
	fmt.Fprintln(out, "listening on", listener.Addr())
	stopped := make(chan error, 1)
	go func() {
		<-ctx.Done()
		deadline, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		stopped <- server.Shutdown(deadline)
	}()
	// Serve returns as soon as Shutdown closes the listener, before the
	// requests in flight are done: returning now would end main and cut
	// them off. Shutdown itself returns when they have finished.
	if err := server.Serve(listener); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(out, "shutting down")
	return <-stopped
}

// ANCHOR_END: server
