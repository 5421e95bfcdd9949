package main

import (
	"bufio"
	"context"
	"net"
	"testing"
	"time"
)

// TestServe runs Serve on a loopback port in process: a command, then the
// shutdown, which must reach a connection that waits for its next line.
func TestServe(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	server := &Server{Counters: NewCounters(), Idle: time.Minute}
	served := make(chan error, 1)
	go func() { served <- server.Serve(ctx, listener, 5*time.Second) }()

	conn, err := net.Dial("tcp", listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	answers := bufio.NewScanner(conn)
	read := func() string {
		t.Helper()
		if !answers.Scan() {
			t.Fatalf("no answer: %v", answers.Err())
		}
		return answers.Text()
	}
	conn.Write([]byte("INCR hits 2\n"))
	if got := read(); got != "OK 2" {
		t.Errorf("INCR hits 2: %q, want OK 2", got)
	}
	cancel()
	if got := read(); got != "ERR shutting down" {
		t.Errorf("after the shutdown began: %q, want ERR shutting down", got)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
}
