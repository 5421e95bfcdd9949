// Command kv-store is a tiny key-value service over HTTP: the Go original of
// the kv-store exercise, which the reader ports to Rust with axum. The
// exercise's black-box suite (../tests/suite.rs) holds both.
//
//	PUT    /kv/{key}  the body is the value: 201 when new, 204 when replaced,
//	                  413 when over MaxValue bytes
//	GET    /kv/{key}  200 with the value, 404 when there is none
//	DELETE /kv/{key}  204, or 404 when there is none
//	GET    /kv        200 with {"keys": [...]}, sorted
//
// It prints "listening on ADDR" once it accepts connections, and on SIGTERM
// or Ctrl-C finishes the requests under way and exits 0.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
)

// MaxValue is the largest value the service stores, in bytes.
const MaxValue = 1024

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()

	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("listening on %s", listener.Addr())
	server := &http.Server{Handler: routes(NewStore())}
	go func() {
		<-ctx.Done()
		server.Shutdown(context.Background())
	}()
	if err := server.Serve(listener); !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}

func routes(store *Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /kv/{key}", func(w http.ResponseWriter, r *http.Request) {
		value, ok := store.Get(r.PathValue("key"))
		if !ok {
			http.Error(w, "no such key", http.StatusNotFound)
			return
		}
		io.WriteString(w, value)
	})
	mux.HandleFunc("PUT /kv/{key}", func(w http.ResponseWriter, r *http.Request) {
		value, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxValue))
		if err != nil {
			if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
				http.Error(w, "value too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "cannot read the value", http.StatusBadRequest)
			return
		}
		if store.Put(r.PathValue("key"), string(value)) {
			w.WriteHeader(http.StatusCreated)
		} else {
			w.WriteHeader(http.StatusNoContent)
		}
	})
	mux.HandleFunc("DELETE /kv/{key}", func(w http.ResponseWriter, r *http.Request) {
		if !store.Delete(r.PathValue("key")) {
			http.Error(w, "no such key", http.StatusNotFound)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /kv", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string][]string{"keys": store.Keys()})
	})
	return mux
}
