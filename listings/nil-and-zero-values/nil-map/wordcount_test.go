package wordcount

import (
	"fmt"
	"strings"
	"testing"
)

// ANCHOR: tests
func TestTheZeroValuePanicsOnTheFirstWrite(t *testing.T) {
	var words WordCount
	if got := words.Count("go"); got != 0 {
		t.Fatalf("Count on the zero value = %d, want 0", got)
	}
	defer func() {
		msg := fmt.Sprint(recover())
		if !strings.Contains(msg, "assignment to entry in nil map") {
			t.Errorf("recovered %q, want a nil map panic", msg)
		}
	}()
	words.Add("go")
	t.Error("Add on the zero value returned instead of panicking")
}

func TestCountsFromNewWordCount(t *testing.T) {
	cases := []struct {
		name  string
		added []string
		word  string
		want  int
	}{
		{"nothing added", nil, "go", 0},
		{"added once", []string{"go"}, "go", 1},
		{"added twice among others", []string{"go", "rust", "go"}, "go", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			words := NewWordCount()
			for _, w := range tc.added {
				words.Add(w)
			}
			if got := words.Count(tc.word); got != tc.want {
				t.Errorf("Count(%q) = %d, want %d", tc.word, got, tc.want)
			}
		})
	}
}

// ANCHOR_END: tests
