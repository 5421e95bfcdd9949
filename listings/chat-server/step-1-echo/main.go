// Chat server, step 1: a WebSocket endpoint at /ws that sends every frame
// back, with github.com/gorilla/websocket.
//
//	go run . 127.0.0.1:8080
package main

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"os"

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
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on %s\n", ln.Addr())
	log.Fatal(http.Serve(ln, newMux()))
}
