package main

import (
	"debug/elf"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
)

func TestHealthz(t *testing.T) {
	t.Parallel()
	server := httptest.NewServer(newMux())
	defer server.Close()
	resp, err := http.Get(server.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || string(body) != "ok" {
		t.Errorf("GET /healthz = %d %q, want 200 \"ok\"", resp.StatusCode, body)
	}
}

// lines is an io.Writer that hands each write (one line of serve's
// output) to the test.
type lines chan string

func (l lines) Write(p []byte) (int, error) {
	l <- string(p)
	return len(p), nil
}

// TestSIGTERMLetsRequestsInFlightFinish sends SIGTERM while a request is
// inside its handler, and checks that serve waits for it: the handler
// blocks until the test releases it, so no step depends on timing.
func TestSIGTERMLetsRequestsInFlightFinish(t *testing.T) {
	// Not parallel: the test sends SIGTERM to its own process.
	entered, release := make(chan struct{}), make(chan struct{})
	releaseOnce := sync.OnceFunc(func() { close(release) })
	defer releaseOnce()
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
		fmt.Fprint(w, "done")
	})
	ctx, stop := signal.NotifyContext(t.Context(), syscall.SIGTERM)
	defer stop()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	out := make(lines, 2)
	served := make(chan error, 1)
	go func() { served <- serve(ctx, listener, slow, out) }()
	if line := <-out; line != "listening on "+listener.Addr().String()+"\n" {
		t.Fatalf("first line %q, want the address", line)
	}

	answered := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + listener.Addr().String() + "/slow")
		if err != nil {
			answered <- err.Error()
			return
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		answered <- fmt.Sprint(resp.StatusCode, " ", string(body), " ", err)
	}()
	<-entered
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// serve prints "shutting down" once Serve has returned, when Shutdown
	// has closed the listener and waits for the request.
	select {
	case err := <-served:
		t.Fatalf("serve returned %v with a request in flight: main would exit and cut it off", err)
	case line := <-out:
		if line != "shutting down\n" {
			t.Fatalf("after SIGTERM serve printed %q, want \"shutting down\"", line)
		}
	}
	releaseOnce()
	if got := <-answered; got != "200 done <nil>" {
		t.Errorf("the request in flight got %q, want \"200 done <nil>\"", got)
	}
	if err := <-served; err != nil {
		t.Errorf("serve = %v, want nil once the request has finished", err)
	}
}

// ANCHOR: static
// interpreter returns the program interpreter (the dynamic loader) an ELF
// executable asks for, or "" for a static executable.
func interpreter(t *testing.T, path string) string {
	t.Helper()
	file, err := elf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	for _, prog := range file.Progs {
		if prog.Type == elf.PT_INTERP {
			data, err := io.ReadAll(prog.Open())
			if err != nil {
				t.Fatal(err)
			}
			return string(data[:len(data)-1]) // without the trailing NUL
		}
	}
	return ""
}

// TestCgoDisabledBuildIsStatic builds this program the way the chapter
// ships it and checks that the result needs no dynamic loader.
func TestCgoDisabledBuildIsStatic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program: skipped with -short")
	}
	t.Parallel()
	binary := filepath.Join(t.TempDir(), "static-server")
	// go test puts its own Go's bin directory first on the PATH, so this
	// is the go that runs the test.
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if interp := interpreter(t, binary); interp != "" {
		t.Errorf("CGO_ENABLED=0 build asks for %s, want a static executable", interp)
	}
}

// ANCHOR_END: static
