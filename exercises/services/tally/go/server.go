package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"os"
	"sync"
	"time"
	"unicode/utf8"
)

// MaxLine is the longest line the server reads, in bytes, without its
// newline.
const MaxLine = 1024

// WriteTimeout bounds each answer, so a client that never reads cannot
// hold its connection open.
const WriteTimeout = 5 * time.Second

// Server serves Counters to each connection on a goroutine of its own.
type Server struct {
	Counters *Counters
	Idle     time.Duration // a connection silent this long is closed
}

// Serve accepts connections until ctx is done, then waits at most grace
// for them to close.
func (s *Server) Serve(
	ctx context.Context, listener net.Listener, grace time.Duration,
) error {
	stop := context.AfterFunc(ctx, func() { listener.Close() })
	defer stop()
	var wg sync.WaitGroup
	for {
		conn, err := listener.Accept()
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			// Out of descriptors, or a connection reset before it was
			// accepted: a running server keeps going after a pause.
			log.Printf("accepting a connection: %v", err)
			time.Sleep(100 * time.Millisecond)
			continue
		}
		wg.Go(func() { s.handle(ctx, conn) })
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-time.After(grace):
		return fmt.Errorf("connections still open %v after the shutdown began", grace)
	}
}

// handle answers conn's lines until it quits, breaks a limit, or ctx is
// done. A read blocks until a line comes, so the deadline is what ends it:
// Idle from now for each line, or now once ctx is done.
func (s *Server) handle(ctx context.Context, conn net.Conn) {
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.SetReadDeadline(time.Now()) })
	defer stop()
	lines := bufio.NewScanner(conn)
	lines.Buffer(make([]byte, 0, 256), MaxLine+1) // +1: the newline
	for {
		conn.SetReadDeadline(time.Now().Add(s.Idle))
		// Checked after the deadline is set: a cancellation from here on
		// moves the deadline to now, after ours.
		if ctx.Err() != nil {
			reply(conn, "ERR shutting down")
			return
		}
		if !lines.Scan() {
			err := lines.Err()
			switch {
			case err == nil: // the client closed the connection
			case ctx.Err() != nil:
				reply(conn, "ERR shutting down")
			case errors.Is(err, bufio.ErrTooLong):
				reply(conn, "ERR line too long")
			case errors.Is(err, os.ErrDeadlineExceeded):
				reply(conn, "ERR idle timeout")
			}
			return
		}
		if !utf8.Valid(lines.Bytes()) {
			reply(conn, "ERR line is not UTF-8")
			return
		}
		answer, quit := s.Counters.Execute(lines.Text())
		if reply(conn, answer) != nil || quit {
			return
		}
	}
}

// reply writes line and a newline, within WriteTimeout.
func reply(conn net.Conn, line string) error {
	conn.SetWriteDeadline(time.Now().Add(WriteTimeout))
	_, err := fmt.Fprintf(conn, "%s\n", line)
	return err
}
