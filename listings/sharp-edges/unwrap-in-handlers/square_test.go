package square

import (
	"bytes"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// get returns the status and body of GET url, or the client's error.
func get(url string) (int, string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), err
}

// lockedBuffer collects the server's error log, written from its goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// ANCHOR: tests
func TestIgnoringTheErrorAnswersZero(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(SquareIgnoring))
	defer server.Close()
	status, body, err := get(server.URL + "/square?n=seven")
	if err != nil || status != http.StatusOK || body != "0" {
		t.Errorf("got %d %q %v, want a wrong but confident 200 \"0\"", status, body, err)
	}
}

func TestARecoveredPanicClosesTheConnection(t *testing.T) {
	var logged lockedBuffer
	server := httptest.NewUnstartedServer(http.HandlerFunc(SquarePanicking))
	server.Config.ErrorLog = log.New(&logged, "", 0)
	server.Start()
	defer server.Close()

	// The client sees no response at all, only a closed connection.
	if _, _, err := get(server.URL + "/square?n=7"); err == nil {
		t.Fatal("got a response from a panicking handler")
	}
	// net/http recovered and logged the panic; the server keeps serving.
	if !strings.Contains(logged.String(), "assignment to entry in nil map") {
		t.Errorf("server log = %q, want the recovered panic", logged.String())
	}
	if status, _, err := get(server.URL + "/square?n=x"); err != nil || status != http.StatusBadRequest {
		t.Errorf("after the panic: %d %v, want 400", status, err)
	}
}

func TestCheckingTheErrorAnswers400(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(Square))
	defer server.Close()
	cases := []struct {
		name, query string
		status      int
		body        string
	}{
		{"a number", "?n=7", http.StatusOK, "49"},
		{"not a number", "?n=seven", http.StatusBadRequest, "n: strconv.ParseUint: parsing \"seven\": invalid syntax\n"},
		{"too large", "?n=4294967296", http.StatusBadRequest, "n: strconv.ParseUint: parsing \"4294967296\": value out of range\n"},
		{"missing", "", http.StatusBadRequest, "missing query parameter n\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body, err := get(server.URL + "/square" + tc.query)
			if err != nil || status != tc.status || body != tc.body {
				t.Errorf("got %d %q %v, want %d %q", status, body, err, tc.status, tc.body)
			}
		})
	}
}

// ANCHOR_END: tests
