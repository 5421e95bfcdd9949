package sharing

import (
	"slices"
	"testing"
)

func TestEval(t *testing.T) {
	num := func(n int64) *Expr { return &Expr{Num: n} }
	cases := []struct {
		name string
		expr *Expr
		want int64
	}{
		{"a number", num(7), 7},
		{"a sum", &Expr{Op: '+', Left: num(2), Right: num(3)}, 5},
		{"a product of a sum", &Expr{Op: '*', Left: &Expr{Op: '+', Left: num(1), Right: num(2)}, Right: num(4)}, 12},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Eval(tc.expr); got != tc.want {
				t.Errorf("Eval = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestCopiesOfAJournalPointerShareItsLines(t *testing.T) {
	journal := &Journal{}
	other := journal
	journal.Write("a")
	other.Write("b")
	if got := journal.Lines(); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("Lines() = %q", got)
	}
}

func TestCountWords(t *testing.T) {
	cases := []struct {
		name  string
		texts []string
		want  int
	}{
		{"no texts", nil, 0},
		{"one text", []string{"a b c"}, 3},
		{"blank text", []string{"  ", "a"}, 1},
		{"many texts", slices.Repeat([]string{"a b"}, 8), 16},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := CountWords(tc.texts); got != tc.want {
				t.Errorf("CountWords(%q) = %d, want %d", tc.texts, got, tc.want)
			}
		})
	}
}
