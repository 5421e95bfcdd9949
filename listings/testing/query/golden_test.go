package query

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ANCHOR: golden
// After an intended change, rewrite the file and review the diff:
// go test -run TestGolden -update
var update = flag.Bool("update", false, "rewrite testdata/parse.golden")

// render gives one line per input: the input, then its pairs or its error.
func render(input string) string {
	pairs, err := Parse(input)
	if err != nil {
		return fmt.Sprintf("%-24s error: %v\n", input, err)
	}
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = fmt.Sprintf("[%s]=[%s]", p.Key, p.Value)
	}
	return fmt.Sprintf("%-24s ok %s\n", input, strings.Join(parts, " "))
}

func TestGolden(t *testing.T) {
	inputs, err := os.ReadFile(filepath.Join("testdata", "inputs.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for line := range strings.Lines(string(inputs)) {
		got.WriteString(render(strings.TrimSuffix(line, "\n")))
	}
	golden := filepath.Join("testdata", "parse.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("output differs from %s; rerun with -update and review the diff\ngot:\n%s",
			golden, got.String())
	}
}

// ANCHOR_END: golden
