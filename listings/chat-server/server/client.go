// One client's connection, as in client.rs. The handler goroutine reads;
// after the join, a writer goroutine drains the member's outbound queue.
// Only the writer writes data frames; close frames go through WriteControl,
// which gorilla/websocket allows beside a running writer.

package main

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gorilla/websocket"
)

// closeGrace is how long a closing connection waits for the client's reply.
const closeGrace = time.Second

// chatServer serves /ws. Its context is cancelled on SIGTERM.
type chatServer struct {
	ctx      context.Context
	cfg      config
	room     *Room
	upgrader websocket.Upgrader
	conns    sync.WaitGroup
}

func newChatServer(ctx context.Context, cfg config) *chatServer {
	return &chatServer{
		ctx:  ctx,
		cfg:  cfg,
		room: newRoom(cfg.buffer),
		// Left at its default, CheckOrigin refuses (403) a handshake whose
		// Origin is another site, as same_origin does in main.rs. Without a
		// WriteBufferPool every connection keeps a 4 KiB write buffer for
		// its whole life; with one, a write borrows a buffer and gives it
		// back, so a connection that is waiting to join holds none (nor
		// does the Rust twin's: tungstenite allocates it at the first
		// frame).
		upgrader: websocket.Upgrader{WriteBufferPool: &sync.Pool{}},
	}
}

// ANCHOR: serve
func (s *chatServer) serveWS(w http.ResponseWriter, r *http.Request) {
	// Counted before the upgrade: http.Server.Shutdown forgets hijacked
	// connections, so shutdown waits for this group instead.
	s.conns.Add(1)
	defer s.conns.Done()
	// gorilla finds the version 13 in a list such as "13, 8"; RFC 6455
	// (section 4.1) has a client send exactly one version, as tungstenite
	// requires.
	if r.Header.Get("Sec-WebSocket-Version") != "13" {
		http.Error(w, "websocket: Sec-WebSocket-Version must be 13", http.StatusBadRequest)
		return
	}
	conn, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has answered with an HTTP error
	}
	defer conn.Close()
	// Over the limit, gorilla sends close 1009 and the read fails.
	conn.SetReadLimit(s.cfg.maxMessageBytes)
	// On shutdown, say goodbye (1001) and give the reader closeGrace to see
	// the client's answer. This runs beside the reader, and gorilla allows
	// no second goroutine in its read methods, so the deadline goes on the
	// net.Conn underneath (NetConn; UnderlyingConn is deprecated in v1.5.3).
	stop := context.AfterFunc(s.ctx, func() {
		closeWith(conn, websocket.CloseGoingAway, "server shutting down")
		conn.NetConn().SetReadDeadline(time.Now().Add(closeGrace))
	})
	defer stop()

	m, seq, ok := s.join(conn)
	if !ok {
		return
	}
	defer s.room.leave(m)
	ctx, cancel := context.WithCancel(s.ctx)
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		s.writeLoop(ctx, conn, m, seq)
	}()
	s.readLoop(ctx, conn, m)
	cancel()
	<-writerDone
}

// ANCHOR_END: serve

// ANCHOR: join
// join reads frames until one is a join the room accepts, within the join
// timeout, and returns the new member. Anything else gets an error frame
// and the client may try again.
func (s *chatServer) join(conn *websocket.Conn) (*member, uint64, bool) {
	// The deadline is for reads only. A reply gets the write timeout, like
	// every frame: a write cut short by the join deadline would leave half
	// a frame on the wire, and gorilla fails every write after it, so the
	// client would never see why it was dropped.
	s.setReadDeadline(conn, time.Now().Add(s.cfg.joinTimeout))
	for {
		kind, data, err := conn.ReadMessage()
		netErr, ok := errors.AsType[net.Error](err)
		if ok && netErr.Timeout() && s.ctx.Err() == nil {
			timedOut := refuse(codeJoinTimeout, "send join sooner")
			s.write(conn, timedOut.frame())
			closeAndDrain(conn, websocket.ClosePolicyViolation, "join timeout")
			return nil, 0, false
		}
		if err != nil {
			return nil, 0, false // closed, broken, too big, or shutting down
		}
		if !validText(kind, data) {
			closeAndAwait(conn, websocket.CloseInvalidFramePayloadData, "text frames must be UTF-8")
			return nil, 0, false
		}
		msg, reply := parseFrame(kind, data)
		switch msg := msg.(type) {
		case joinMsg:
			m, seq, refused := s.room.join(msg.Name)
			if refused == nil {
				s.setReadDeadline(conn, time.Time{})
				return m, seq, true
			}
			reply = refused
		case sayMsg:
			reply = refuse(codeNotJoined, "send join first")
		case leaveMsg:
			closeWith(conn, websocket.CloseNormalClosure, "bye")
			return nil, 0, false
		}
		if err := s.write(conn, reply.frame()); err != nil {
			return nil, 0, false
		}
	}
}

// setReadDeadline sets the read deadline from the reading goroutine, unless
// shutdown has begun: then the short deadline that shutdown set must stay,
// or a client that ignores the close frame could hold shutdown open. The
// check comes after the set, so whichever goroutine runs first, the short
// deadline wins.
func (s *chatServer) setReadDeadline(conn *websocket.Conn, t time.Time) {
	conn.SetReadDeadline(t)
	if s.ctx.Err() != nil {
		conn.SetReadDeadline(time.Now().Add(closeGrace))
	}
}

// ANCHOR_END: join

// ANCHOR: read_loop
// readLoop handles what a joined client sends until it leaves, breaks the
// size limit or goes away. Every refusal is an error frame.
func (s *chatServer) readLoop(ctx context.Context, conn *websocket.Conn, m *member) {
	limiter := newRateLimiter(s.cfg.ratePerSec, time.Now())
	for {
		kind, data, err := conn.ReadMessage()
		if err != nil {
			return
		}
		if !validText(kind, data) {
			closeAndAwait(conn, websocket.CloseInvalidFramePayloadData, "text frames must be UTF-8")
			return
		}
		msg, reply := parseFrame(kind, data)
		switch msg := msg.(type) {
		case sayMsg:
			if limiter.allow(time.Now()) {
				s.room.say(m.name, msg.Text)
				continue
			}
			reply = refuse(codeRateLimited, "at most %d messages a second", s.cfg.ratePerSec)
		case joinMsg:
			reply = refuse(codeAlreadyJoined, "you are %s", m.name)
		case leaveMsg:
			closeWith(conn, websocket.CloseNormalClosure, "bye")
			return
		}
		select {
		case m.out <- outbound{frame: reply.frame()}:
		case <-ctx.Done():
			return
		}
	}
}

// ANCHOR_END: read_loop

// ANCHOR: write_loop
// writeLoop sends the member's queue to the client. The room drops frames
// for a member whose queue is full; the writer notices from the sequence
// numbers and tells the client how many it missed. A client that cannot
// take one frame within cfg.writeTimeout is dropped.
func (s *chatServer) writeLoop(ctx context.Context, conn *websocket.Conn, m *member, last uint64) {
	for {
		var o outbound
		select {
		case <-ctx.Done():
			return
		case o = <-m.out:
		}
		var missed uint64
		if o.seq != 0 {
			missed, last = o.seq-last-1, o.seq
		}
		if !s.tellMissed(conn, missed) || s.write(conn, o.frame) != nil {
			conn.Close() // unblocks the reader
			return
		}
		// Frames are dropped only while the queue is full, so once it is
		// empty every broadcast since `last` that is not in it was dropped.
		if len(m.out) == 0 {
			missed = s.room.missedSince(m, last)
			last += missed
			if !s.tellMissed(conn, missed) {
				conn.Close()
				return
			}
		}
	}
}

// tellMissed sends a lagged error when missed > 0; false if it failed.
func (s *chatServer) tellMissed(conn *websocket.Conn, missed uint64) bool {
	if missed == 0 {
		return true
	}
	lagged := refuse(codeLagged, "you read too slowly and missed %d messages", missed)
	return s.write(conn, lagged.frame()) == nil
}

// ANCHOR_END: write_loop

// write sends one text frame, within the write timeout.
func (s *chatServer) write(conn *websocket.Conn, frame []byte) error {
	conn.SetWriteDeadline(time.Now().Add(s.cfg.writeTimeout))
	return conn.WriteMessage(websocket.TextMessage, frame)
}

// validText reports whether a frame is binary or valid UTF-8 text.
// gorilla/websocket does not check the text of data frames; RFC 6455
// (section 8.1) says to fail a connection that sends invalid UTF-8, with
// close code 1007.
func validText(kind int, data []byte) bool {
	return kind != websocket.TextMessage || utf8.Valid(data)
}

// parseFrame parses a text frame; binary frames are refused.
func parseFrame(kind int, data []byte) (clientMessage, *refusal) {
	if kind != websocket.TextMessage {
		return nil, refuse(codeBadMessage, "frames are JSON text, not binary")
	}
	return parse(data)
}

// closeAndDrain sends a close frame, then reads and throws away what the
// client still sends for up to closeGrace, its answering close included,
// so that the connection is not closed with unread data, which the kernel
// answers with a TCP reset instead of an orderly close. It reads the
// net.Conn, since gorilla fails every read after a timeout.
func closeAndDrain(conn *websocket.Conn, code int, reason string) {
	closeWith(conn, code, reason)
	raw := conn.NetConn()
	raw.SetReadDeadline(time.Now().Add(closeGrace))
	io.Copy(io.Discard, raw)
}

// closeAndAwait sends a close frame, then reads until the client's
// answering close, for up to closeGrace, so that the server closes the
// connection first, as RFC 6455 (section 7.1.1) asks, and without unread
// data. Only for a connection whose reads have not failed: gorilla's
// NextReader reports the client's close frame as an error.
func closeAndAwait(conn *websocket.Conn, code int, reason string) {
	closeWith(conn, code, reason)
	conn.SetReadDeadline(time.Now().Add(closeGrace))
	for {
		if _, _, err := conn.NextReader(); err != nil {
			return
		}
	}
}

// closeWith sends a close frame. An error means the connection is already
// closed or broken, and then there is no one left to tell.
func closeWith(conn *websocket.Conn, code int, reason string) {
	frame := websocket.FormatCloseMessage(code, reason)
	_ = conn.WriteControl(websocket.CloseMessage, frame, time.Now().Add(closeGrace))
}
