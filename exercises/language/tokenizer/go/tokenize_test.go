package tokenize

import (
	"errors"
	"slices"
	"testing"
)

// The Rust tests of this exercise (../tests/cases.rs) mirror these cases
// one for one, under the same names.

func num(pos int, value int64) Token  { return Token{Kind: Number, Value: value, Pos: pos} }
func name(pos int, text string) Token { return Token{Kind: Name, Text: text, Pos: pos} }
func str(pos int, text string) Token  { return Token{Kind: String, Text: text, Pos: pos} }
func op(pos int, text string) Token   { return Token{Kind: Operator, Text: text, Pos: pos} }

func TestTokenize(t *testing.T) {
	cases := []struct {
		name    string
		src     string
		want    []Token
		wantErr string // the error's message; "" for none
	}{
		{"empty_input_has_no_tokens", " \t\n", nil, ""},
		{"numbers_names_and_operators", "total = price*2 + f(x, 10)", []Token{
			name(0, "total"), op(6, "="), name(8, "price"), op(13, "*"), num(14, 2), op(16, "+"),
			name(18, "f"), op(19, "("), name(20, "x"), op(21, ","), num(23, 10), op(25, ")"),
		}, ""},
		{"names_hold_digits_and_underscores", "_a1 2b", []Token{
			name(0, "_a1"), num(4, 2), name(5, "b"),
		}, ""},
		{"strings_resolve_escapes", `s = "a\"b\\c\n"`, []Token{
			name(0, "s"), op(2, "="), str(4, "a\"b\\c\n"),
		}, ""},
		{"positions_count_bytes", `"é" + x`, []Token{
			str(0, "é"), op(5, "+"), name(7, "x"),
		}, ""},
		{"an_unexpected_character_is_an_error", "1 + #", nil, "unexpected character '#' at 4"},
		{"a_letter_beyond_ascii_is_unexpected", "x = é", nil, "unexpected character 'é' at 4"},
		{"a_number_too_large_is_an_error", "1 + 99999999999999999999", nil,
			"number 99999999999999999999 too large at 4"},
		{"an_unterminated_string_is_an_error", `x = "abc`, nil, "unterminated string at 4"},
		{"a_backslash_at_the_end_is_unterminated", `x = "ab\`, nil, "unterminated string at 4"},
		{"a_bad_escape_is_an_error", `"a\qb"`, nil, "bad escape 'q' at 2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Tokenize(tc.src)
			if tc.wantErr == "" {
				if err != nil || !slices.Equal(got, tc.want) {
					t.Errorf("Tokenize(%q) = %v, %v; want %v, nil", tc.src, got, err, tc.want)
				}
				return
			}
			if _, ok := errors.AsType[*SyntaxError](err); !ok || err.Error() != tc.wantErr {
				t.Errorf("Tokenize(%q) error = %v; want a *SyntaxError %q", tc.src, err, tc.wantErr)
			}
		})
	}
}
