package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseFlags(t *testing.T) {
	t.Parallel()
	defaults := config{addr: "127.0.0.1:8080", joinTimeout: 2 * time.Second, maxMessageBytes: 4096, ratePerSec: 5, buffer: 64, writeTimeout: 10 * time.Second, headerTimeout: 10 * time.Second, shutdownGrace: 5 * time.Second}
	pprof := defaults
	pprof.pprofAddr = "127.0.0.1:6060"
	withPprof := &pprof
	if servePprof == nil {
		withPprof = nil // a build without -tags pprof refuses --pprof
	}
	tests := []struct {
		name string
		args string
		want *config // nil: refused
	}{
		{"defaults", "", &defaults},
		{"all flags", "--addr 127.0.0.1:0 --join-timeout-ms=250 --max-message-bytes 1024 --rate-per-sec 9 -buffer 2 --write-timeout-ms 300 --header-timeout-ms 400 --shutdown-grace-ms=0 --send-buffer-bytes 4096",
			&config{addr: "127.0.0.1:0", joinTimeout: 250 * time.Millisecond, maxMessageBytes: 1024, ratePerSec: 9, buffer: 2, writeTimeout: 300 * time.Millisecond, headerTimeout: 400 * time.Millisecond, sendBufferBytes: 4096}},
		{"pprof", "--pprof 127.0.0.1:6060", withPprof},
		{"missing value", "--buffer", nil},
		{"zero buffer", "--buffer 0", nil},
		{"zero write timeout", "--write-timeout-ms 0", nil},
		{"zero header timeout", "--header-timeout-ms 0", nil},
		{"negative grace", "--shutdown-grace-ms -1", nil},
		{"negative send buffer", "--send-buffer-bytes -1", nil},
		{"send buffer beyond a C int", "--send-buffer-bytes 2147483648", nil},
		{"not a number", "--rate-per-sec fast", nil},
		{"unknown flag", "--colour blue", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseFlags(strings.Fields(tc.args), io.Discard)
			if tc.want == nil {
				if err == nil {
					t.Errorf("parseFlags(%q) = %+v, want an error", tc.args, got)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, *tc.want) {
				t.Errorf("parseFlags(%q) = %+v, %v; want %+v", tc.args, got, err, *tc.want)
			}
		})
	}
}

// The default build, whose size the book measures, has no pprof; a build
// with -tags pprof registers its handlers and serves them with --pprof.
func TestPprofComesOnlyWithItsBuildTag(t *testing.T) {
	t.Parallel()
	_, pattern := http.DefaultServeMux.Handler(httptest.NewRequest("GET", "/debug/pprof/", nil))
	if registered, built := pattern != "", servePprof != nil; registered != built {
		t.Errorf("net/http/pprof's handlers registered: %v; --pprof served: %v; want both or neither", registered, built)
	}
}
