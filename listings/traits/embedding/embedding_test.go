package embedding

import (
	"slices"
	"testing"
)

func TestAServerLogsThroughItsLogger(t *testing.T) {
	cases := []struct {
		name     string
		messages []string
		want     []string
	}{
		{"started only", nil, []string{"[server] listening on a:1"}},
		{"started and logged", []string{"ready", "busy"}, []string{"[server] listening on a:1", "[server] ready", "[server] busy"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := NewServer("a:1")
			s.Start()
			for _, m := range tc.messages {
				s.Logf("%s", m) // promoted from *Logger
			}
			if !slices.Equal(s.Lines, tc.want) {
				t.Errorf("Lines = %q, want %q", s.Lines, tc.want)
			}
		})
	}
}
