// Command health is the smallest useful net/http server: one route that
// says the process is up. The web-services chapter starts here before
// building the notes service.
package main

// ANCHOR: server
import (
	"fmt"
	"log"
	"net/http"
)

func main() {
	log.Println("listening on 127.0.0.1:8080")
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", newMux()))
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
