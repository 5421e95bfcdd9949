package dropcosts

import (
	"fmt"
	"net"
	"net/http/httptest"
	"testing"
	"time"
)

// next returns the next event; the time limit only turns a hang into a
// failure.
func next(t *testing.T, w *Work) Event {
	t.Helper()
	select {
	case e := <-w.Events:
		return e
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s")
		return ""
	}
}

// ANCHOR: test
func TestHandlerRunsOnAfterTheClientHangsUp(t *testing.T) {
	w := NewWork()
	srv := httptest.NewServer(w)
	defer srv.Close()
	client, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(client, "GET / HTTP/1.1\r\nHost: %s\r\n\r\n", srv.Listener.Addr())
	if e := next(t, w); e != Started {
		t.Fatalf("event = %q, want %q", e, Started)
	}

	client.Close()
	if e := next(t, w); e != ContextDone {
		t.Fatalf("event = %q, want %q", e, ContextDone)
	}
	w.Release()
	if e := next(t, w); e != Finished {
		t.Fatalf("event = %q, want %q", e, Finished)
	}
}

// ANCHOR_END: test
