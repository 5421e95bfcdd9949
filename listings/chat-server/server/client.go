// One client's connection, as in client.rs. The handler goroutine reads;
// after the join, a writer goroutine drains the member's outbound queue.
// Only the writer writes data frames; close frames go through WriteControl,
// which gorilla/websocket allows beside a running writer.

package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// closeGrace is how long a closing connection waits for the client's reply.
const closeGrace = time.Second

// chatServer serves /ws. Its context is cancelled on SIGTERM.
type chatServer struct {
	ctx  context.Context
	cfg  config
	room *Room
	// The zero Upgrader refuses (403) a handshake whose Origin is another
	// site, as same_origin does in main.rs.
	upgrader websocket.Upgrader
	conns    sync.WaitGroup
}

func newChatServer(ctx context.Context, cfg config) *chatServer {
	return &chatServer{ctx: ctx, cfg: cfg, room: newRoom()}
}

// ANCHOR: serve
func (s *chatServer) serveWS(w http.ResponseWriter, r *http.Request) {
	// Counted before the upgrade: http.Server.Shutdown forgets hijacked
	// connections, so shutdown waits for this group instead.
	s.conns.Add(1)
	defer s.conns.Done()
	conn, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has answered with an HTTP error
	}
	defer conn.Close()
	// Over the limit, gorilla sends close 1009 and the read fails.
	conn.SetReadLimit(s.cfg.maxMessageBytes)
	// On shutdown, say goodbye (1001) and unblock the reader.
	stop := context.AfterFunc(s.ctx, func() {
		closeWith(conn, websocket.CloseGoingAway, "server shutting down")
		conn.SetReadDeadline(time.Now().Add(closeGrace))
	})
	defer stop()

	m := &member{out: make(chan outbound, s.cfg.buffer)}
	seq, ok := s.join(conn, m)
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
// timeout. Anything else gets an error frame and the client may try again.
func (s *chatServer) join(conn *websocket.Conn, m *member) (uint64, bool) {
	// Replies during the join share its deadline, so a client that sends
	// but never reads cannot hold the connection past it either.
	deadline := time.Now().Add(s.cfg.joinTimeout)
	conn.SetReadDeadline(deadline)
	conn.SetWriteDeadline(deadline)
	for {
		kind, data, err := conn.ReadMessage()
		if netErr, ok := errors.AsType[net.Error](err); ok && netErr.Timeout() && s.ctx.Err() == nil {
			timedOut := refuse(codeJoinTimeout, "send join sooner")
			s.write(conn, timedOut.frame())
			closeWith(conn, websocket.ClosePolicyViolation, "join timeout")
			return 0, false
		}
		if err != nil {
			return 0, false // closed, broken, too big, or shutting down
		}
		msg, reply := parseFrame(kind, data)
		switch msg := msg.(type) {
		case joinMsg:
			m.name = msg.Name
			seq, refused := s.room.join(m)
			if refused == nil {
				conn.SetReadDeadline(time.Time{})
				return seq, true
			}
			reply = refused
		case sayMsg:
			reply = refuse(codeNotJoined, "send join first")
		case leaveMsg:
			closeWith(conn, websocket.CloseNormalClosure, "bye")
			return 0, false
		}
		if err := conn.WriteMessage(websocket.TextMessage, reply.frame()); err != nil {
			return 0, false
		}
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

// parseFrame parses a text frame; binary frames are refused.
func parseFrame(kind int, data []byte) (clientMessage, *refusal) {
	if kind != websocket.TextMessage {
		return nil, refuse(codeBadMessage, "frames are JSON text, not binary")
	}
	return parse(data)
}

// closeWith sends a close frame. An error means the connection is already
// closed or broken, and then there is no one left to tell.
func closeWith(conn *websocket.Conn, code int, reason string) {
	frame := websocket.FormatCloseMessage(code, reason)
	_ = conn.WriteControl(websocket.CloseMessage, frame, time.Now().Add(closeGrace))
}
