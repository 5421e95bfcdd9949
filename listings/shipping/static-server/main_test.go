package main

import (
	"debug/elf"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

func TestHealthz(t *testing.T) {
	server := httptest.NewServer(newMux())
	defer server.Close()
	resp, err := http.Get(server.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || string(body) != "ok" {
		t.Errorf("GET /healthz = %d %q, want 200 \"ok\"", resp.StatusCode, body)
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
	binary := filepath.Join(t.TempDir(), "static-server")
	gocmd := filepath.Join(runtime.GOROOT(), "bin", "go")
	build := exec.Command(gocmd, "build", "-o", binary, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if interp := interpreter(t, binary); interp != "" {
		t.Errorf("CGO_ENABLED=0 build asks for %s, want a static executable", interp)
	}
}

// ANCHOR_END: static
