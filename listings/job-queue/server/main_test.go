// Tests of the command-line settings.

package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	t.Parallel()
	// --pprof is taken only by a build with -tags pprof.
	pprof, pprofRefused := config("127.0.0.1:8080", 4, 64), servePprof == nil
	pprof.PprofAddr = "127.0.0.1:6060"
	if pprofRefused {
		pprof = Config{}
	}
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		want    Config
		wantErr bool
	}{
		{"defaults", nil, nil, config("127.0.0.1:8080", 4, 64), false},
		{"space form", nil, []string{"--workers", "2", "--addr", "127.0.0.1:0"}, config("127.0.0.1:0", 2, 64), false},
		{"equals form", nil, []string{"--queue-capacity=3", "-workers=1"}, config("127.0.0.1:8080", 1, 3), false},
		{"environment", map[string]string{"JOBQ_WORKERS": "7"}, nil, config("127.0.0.1:8080", 7, 64), false},
		{"flag beats environment", map[string]string{"JOBQ_WORKERS": "7"}, []string{"--workers", "2"}, config("127.0.0.1:8080", 2, 64), false},
		{"environment not a number", map[string]string{"JOBQ_WORKERS": "many"}, nil, Config{}, true},
		{"flag beats a bad environment", map[string]string{"JOBQ_QUEUE_CAPACITY": "lots"}, []string{"--queue-capacity", "3"}, config("127.0.0.1:8080", 4, 3), false},
		{"empty environment", map[string]string{"JOBQ_WORKERS": ""}, nil, Config{}, true},
		{"empty address", map[string]string{"JOBQ_ADDR": ""}, nil, Config{}, true},
		{"unknown flag", nil, []string{"--color", "red"}, Config{}, true},
		{"zero workers", nil, []string{"--workers", "0"}, Config{}, true},
		{"bad duration", nil, []string{"--header-timeout", "soon"}, Config{}, true},
		{"zero connections", nil, []string{"--max-connections", "0"}, Config{}, true},
		{"pprof", nil, []string{"--pprof", "127.0.0.1:6060"}, pprof, pprofRefused},
		{"limits", nil, []string{
			"--header-timeout=500ms", "--body-timeout", "2s", "--drain-timeout", "1m", "--max-connections", "8",
			"--keep-finished-bytes", "1000", "--keep-finished-for", "90s",
		}, Config{
			Addr: "127.0.0.1:8080", Workers: 4, QueueCapacity: 64,
			Limits:    Limits{500 * time.Millisecond, 2 * time.Second, time.Minute, 8},
			Retention: Retention{Count: 10_000, Bytes: 1000, Age: 90 * time.Second},
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			lookup := func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok }
			got, err := parseConfig(tc.args, lookup, io.Discard)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("parseConfig(%v) = %+v, %v; want %+v (error: %v)", tc.args, got, err, tc.want, tc.wantErr)
			}
		})
	}
}

// config is a Config with the default limits.
func config(addr string, workers, capacity int) Config {
	return Config{
		Addr: addr, Workers: workers, QueueCapacity: capacity,
		Limits:    Limits{10 * time.Second, 10 * time.Second, 25 * time.Second, 512},
		Retention: DefaultRetention,
	}
}

// The default build, whose size and speed the book measures, has no pprof;
// a build with -tags pprof registers its handlers and serves them with
// --pprof.
func TestPprofComesOnlyWithItsBuildTag(t *testing.T) {
	t.Parallel()
	_, pattern := http.DefaultServeMux.Handler(httptest.NewRequest("GET", "/debug/pprof/", nil))
	if registered, built := pattern != "", servePprof != nil; registered != built {
		t.Errorf("net/http/pprof's handlers registered: %v; --pprof served: %v; want both or neither", registered, built)
	}
}
