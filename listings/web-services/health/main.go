// Command health is the smallest useful net/http server: one route that
// says the process is up. The web-services chapter starts here before
// building the notes service.
package main

// ANCHOR: server
import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	server := &http.Server{
		Addr:    "127.0.0.1:8080",
		Handler: newMux(),
		// The zero values mean no limit: a client could hold a connection
		// forever by sending its request slowly, or not at all.
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       time.Minute,
	}
	served := make(chan error, 1)
	go func() { served <- server.ListenAndServe() }()
	log.Println("listening on", server.Addr)
	select {
	case err := <-served:
		return err // it could not listen
	case <-ctx.Done():
	}
	// Stop accepting, and give requests in flight five seconds to finish.
	deadline, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return server.Shutdown(deadline)
}

func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", healthz)
	return mux
}

func healthz(w http.ResponseWriter, r *http.Request) {
	fmt.Fprint(w, "ok")
}

// ANCHOR_END: server
