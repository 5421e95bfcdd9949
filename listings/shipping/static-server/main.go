// Command static-server is a tiny HTTP server, the Go twin of the program
// the "Shipping static binaries" chapter builds as one self-contained file:
// GET /healthz answers ok, and SIGTERM stops it after in-flight requests
// finish.
//
// Run: go run . --addr 127.0.0.1:8080
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
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

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("listening on", listener.Addr())

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	server := &http.Server{Handler: newMux()}
	go func() {
		<-ctx.Done()
		server.Shutdown(context.Background())
	}()
	if err := server.Serve(listener); err != http.ErrServerClosed {
		log.Print(err)
		os.Exit(1)
	}
}

// ANCHOR_END: server
