package main

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/websocket"
)

// ANCHOR: test
func TestSendsEveryFrameBack(t *testing.T) {
	srv := httptest.NewServer(newMux())
	defer srv.Close()
	url := "ws" + strings.TrimPrefix(srv.URL, "http") + "/ws"
	conn, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatalf("the server upgrades /ws: %v", err)
	}
	defer conn.Close()
	frames := []struct {
		kind int
		data string
	}{
		{websocket.TextMessage, "hello"},
		{websocket.BinaryMessage, "\x01\x02\x03"},
	}
	for _, f := range frames {
		if err := conn.WriteMessage(f.kind, []byte(f.data)); err != nil {
			t.Fatal(err)
		}
		kind, data, err := conn.ReadMessage()
		if err != nil || kind != f.kind || string(data) != f.data {
			t.Errorf("got (%d, %q, %v), want (%d, %q)", kind, data, err, f.kind, f.data)
		}
	}
}

// ANCHOR_END: test
