// Chat server, step 1: a WebSocket endpoint at /ws that sends every frame
// back, with github.com/gorilla/websocket.
//
//	go run . 127.0.0.1:8080
package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gorilla/websocket"
)

// ANCHOR: echo
var upgrader websocket.Upgrader

func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /ws", echo)
	return mux
}

// echo upgrades the request and then serves the connection on the
// handler's own goroutine, until the client goes.
func echo(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has answered with an HTTP error
	}
	defer conn.Close()
	for {
		kind, data, err := conn.ReadMessage()
		if err != nil {
			return
		}
		if err := conn.WriteMessage(kind, data); err != nil {
			return
		}
	}
}

// ANCHOR_END: echo

func main() {
	addr := "127.0.0.1:8080"
	if len(os.Args) > 1 {
		addr = os.Args[1]
	}
	if err := run(addr); err != nil {
		log.Fatal(err)
	}
}

func run(addr string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	server := &http.Server{
		Handler: newMux(),
		// The zero values mean no limit. These bound the handshake only:
		// Hijack, which Upgrade calls, clears the connection's deadlines.
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
	}
	fmt.Printf("listening on %s\n", ln.Addr())
	served := make(chan error, 1)
	go func() { served <- server.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	// Shutdown waits for plain requests, but not for the WebSockets, which
	// no longer belong to the server; the finished server (../server)
	// closes those too.
	deadline, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return server.Shutdown(deadline)
}
