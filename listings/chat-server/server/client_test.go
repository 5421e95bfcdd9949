// Tests of what one connection costs the server before it joins.

package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/gorilla/websocket"
)

// A connection whose joins are refused allocates no outbound queue: the
// member and its --buffer slots are made when the room accepts the name.
// At --buffer 4096 a queue is 4096 outbound values (128 KiB); everything
// else a connection allocates, on both ends of this test, is a few KiB.
// It counts allocations (TotalAlloc), which do not depend on timing or on
// when the collector runs; it is not parallel, so no other test allocates
// meanwhile.
func TestAConnectionHoldsNoQueueUntilItJoins(t *testing.T) {
	cfg, err := parseFlags([]string{"--buffer", "4096"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	chat := newChatServer(t.Context(), cfg)
	srv := httptest.NewServer(http.HandlerFunc(chat.serveWS))
	defer srv.Close()
	url := "ws" + strings.TrimPrefix(srv.URL, "http")
	queue := uint64(cfg.buffer) * uint64(unsafe.Sizeof(outbound{}))

	const connections = 8
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range connections {
		conn, _, err := websocket.DefaultDialer.Dial(url, nil)
		if err != nil {
			t.Fatal(err)
		}
		// The server has read this join, and refused it, once the reply is
		// here: whatever its handler allocates for a join is counted.
		if err := conn.WriteMessage(websocket.TextMessage, []byte(`{"type":"join","name":"no spaces"}`)); err != nil {
			t.Fatal(err)
		}
		if _, reply, err := conn.ReadMessage(); err != nil || !strings.Contains(string(reply), codeInvalidName) {
			t.Fatalf("a join with an invalid name: reply %s, error %v; want %s", reply, err, codeInvalidName)
		}
		conn.Close()
	}
	runtime.ReadMemStats(&after)
	if each := (after.TotalAlloc - before.TotalAlloc) / connections; each >= queue {
		t.Errorf("each connection allocated %d bytes before it joined, at least the %d bytes of a --buffer %d queue", each, queue, cfg.buffer)
	}
}
