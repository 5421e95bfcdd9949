package macros

import (
	"fmt"
	"testing"
)

// ANCHOR: tests
func TestStringNamesEachLevel(t *testing.T) {
	cases := []struct {
		level Level
		want  string
	}{
		{Debug, "Debug"},
		{Warn, "Warn"},
		{Level(9), "Level(9)"},
	}
	for _, tc := range cases {
		t.Run(tc.want, func(t *testing.T) {
			if got := fmt.Sprint(tc.level); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if len(AllLevels) != len(levelNames) {
		t.Errorf("%d levels, %d names", len(AllLevels), len(levelNames))
	}
}

// ANCHOR_END: tests
