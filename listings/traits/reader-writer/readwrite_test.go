package readwrite

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// ANCHOR: tests
func TestCountLines(t *testing.T) {
	cases := []struct {
		name, in string
		want     int
	}{
		{"empty", "", 0},
		{"no final newline", "a\nb", 2},
		{"final newline", "a\nb\n", 2},
		{"blank lines count", "\n\n", 2},
		{"CRLF", "a\r\nb\r\n", 2},
		// Scanner hands out bytes; it does not care about UTF-8.
		{"not UTF-8", "caf\xe9\n", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CountLines(strings.NewReader(tc.in))
			if err != nil || got != tc.want {
				t.Errorf("CountLines(%q) = %d, %v, want %d", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestReaderErrorsReachTheCaller(t *testing.T) {
	fire := errors.New("disk on fire")
	if _, err := CountLines(iotest.ErrReader(fire)); !errors.Is(err, fire) {
		t.Errorf("err = %v, want %v", err, fire)
	}
}

func TestUpperWriter(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""}, {"go", "GO"}, {"Grüße", "GRüßE"}, {"a-1", "A-1"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			var buf bytes.Buffer
			fmt.Fprint(UpperWriter{W: &buf}, tc.in)
			if got := buf.String(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCopyThroughUpperWriter(t *testing.T) {
	var buf bytes.Buffer
	if _, err := io.Copy(UpperWriter{W: &buf}, strings.NewReader("hello, gopher")); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "HELLO, GOPHER" {
		t.Errorf("got %q", got)
	}
}

// ANCHOR_END: tests
