// Package tokenize splits a line of a small expression language into
// tokens, and says where and why when it cannot: the Go original of the
// tokenizer exercise, which the reader ports to Rust.
package tokenize

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind says which fields of a Token are set.
type Kind int

const (
	Number   Kind = iota // Value
	Name                 // Text: a letter or _, then letters, digits and _ (ASCII)
	String               // Text: what the quotes hold, escapes resolved
	Operator             // Text: one of + - * / ( ) = ,
)

// Token is one token and the byte offset where it starts.
type Token struct {
	Kind  Kind
	Text  string
	Value int64
	Pos   int
}

// SyntaxError says what is wrong at the byte offset Pos.
type SyntaxError struct {
	Pos int
	Msg string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s at %d", e.Msg, e.Pos)
}

const operators = "+-*/()=,"

// Tokenize returns the tokens of src, skipping spaces, tabs and newlines,
// or the first *SyntaxError: a character that starts no token, a number
// that does not fit an int64, a string without its closing quote, or an
// escape other than \" \\ \n in a string.
func Tokenize(src string) ([]Token, error) {
	var tokens []Token
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case isDigit(c):
			start := i
			for i < len(src) && isDigit(src[i]) {
				i++
			}
			value, err := strconv.ParseInt(src[start:i], 10, 64)
			if err != nil {
				msg := fmt.Sprintf("number %s too large", src[start:i])
				return nil, &SyntaxError{Pos: start, Msg: msg}
			}
			tokens = append(tokens, Token{Kind: Number, Value: value, Pos: start})
		case isLetter(c):
			start := i
			for i < len(src) && (isLetter(src[i]) || isDigit(src[i])) {
				i++
			}
			tokens = append(tokens, Token{Kind: Name, Text: src[start:i], Pos: start})
		case c == '"':
			text, end, err := readString(src, i)
			if err != nil {
				return nil, err
			}
			tokens = append(tokens, Token{Kind: String, Text: text, Pos: i})
			i = end
		case strings.IndexByte(operators, c) >= 0:
			tokens = append(tokens, Token{Kind: Operator, Text: string(c), Pos: i})
			i++
		default:
			// Decode the whole character, which may take several bytes.
			r, _ := utf8.DecodeRuneInString(src[i:])
			msg := fmt.Sprintf("unexpected character %q", r)
			return nil, &SyntaxError{Pos: i, Msg: msg}
		}
	}
	return tokens, nil
}

// readString reads the string whose opening quote is at src[start], and
// returns its text and the offset just past its closing quote.
func readString(src string, start int) (string, int, error) {
	var text strings.Builder
	for i := start + 1; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			return text.String(), i + 1, nil
		case '\\':
			if i+1 == len(src) {
				// A backslash as the last byte: the string has no end.
				return "", 0, &SyntaxError{Pos: start, Msg: "unterminated string"}
			}
			switch src[i+1] {
			case '"', '\\':
				text.WriteByte(src[i+1])
			case 'n':
				text.WriteByte('\n')
			default:
				r, _ := utf8.DecodeRuneInString(src[i+1:])
				msg := fmt.Sprintf("bad escape %q", r)
				return "", 0, &SyntaxError{Pos: i, Msg: msg}
			}
			i++
		default:
			text.WriteByte(c)
		}
	}
	return "", 0, &SyntaxError{Pos: start, Msg: "unterminated string"}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}
