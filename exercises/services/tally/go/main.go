// Command tally keeps named counters and serves them over TCP, one command
// a line: the Go original of the tally exercise, which the reader ports to
// Rust with tokio. The exercise's black-box suite (../tests/suite.rs) holds
// both.
//
//	INCR name [n]  adds n (1 when left out) to the counter: OK <new value>
//	GET name       OK <value>, 0 for a counter never added to
//	QUIT           BYE, and the server closes the connection
//
// Anything else gets a line "ERR <what is wrong>", and the connection stays
// open. A line over MaxLine bytes gets "ERR line too long", a connection
// silent for --idle-timeout-ms gets "ERR idle timeout", and both are then
// closed. It prints "listening on ADDR" once it accepts connections. On
// SIGTERM or Ctrl-C it stops accepting, tells each connection "ERR shutting
// down" once the command under way is answered, closes it, and exits 0; if
// connections are still open after --shutdown-timeout-ms, it exits 1.
package main

import (
	"context"
	"flag"
	"log"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:7070", "address to listen on")
	idle := flag.Int("idle-timeout-ms", 30_000, "close a connection silent this long")
	grace := flag.Int("shutdown-timeout-ms", 5_000, "on SIGTERM, wait this long for them")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()

	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("listening on %s", listener.Addr())
	server := &Server{
		Counters: NewCounters(),
		Idle:     time.Duration(*idle) * time.Millisecond,
	}
	err = server.Serve(ctx, listener, time.Duration(*grace)*time.Millisecond)
	if err != nil {
		log.Fatal(err)
	}
}
