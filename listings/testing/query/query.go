// Package query parses URL query strings (a=1&b=two+words&c=%C3%A9) into
// ordered pairs and formats them back: small, but a real parser with real
// edge cases, which the testing chapter tests with a table, a golden file, a
// benchmark and a fuzz test.
package query

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"
)

// ANCHOR: parse
// Pair is one decoded key and value.
type Pair struct {
	Key, Value string
}

// Parse splits a query string into decoded pairs, in order. Empty segments
// (a=1&&b=2) are skipped; a segment without = is a key with an empty value;
// + is a space; %XX is the byte XX. The error messages match the Rust
// twin's word for word, because both twins check the same golden file.
func Parse(query string) ([]Pair, error) {
	var pairs []Pair
	offset := 0
	for segment := range strings.SplitSeq(query, "&") {
		if segment != "" {
			key, value, _ := strings.Cut(segment, "=")
			k, err := decode(key, offset, len(pairs))
			if err != nil {
				return nil, err
			}
			v, err := decode(value, offset+len(key)+1, len(pairs))
			if err != nil {
				return nil, err
			}
			pairs = append(pairs, Pair{k, v})
		}
		offset += len(segment) + 1
	}
	return pairs, nil
}

// decode decodes one key or value; offset is where it starts in the query,
// for error messages, and pair its index.
func decode(text string, offset, pair int) (string, error) {
	out := make([]byte, 0, len(text))
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '+':
			out = append(out, ' ')
		case '%':
			if i+2 >= len(text) || !isHex(text[i+1]) || !isHex(text[i+2]) {
				return "", fmt.Errorf("bad percent escape at byte %d", offset+i)
			}
			out = append(out, unhex(text[i+1])<<4|unhex(text[i+2]))
			i += 2
		default:
			out = append(out, c)
		}
	}
	// A Go string may hold any bytes; insist on UTF-8, as Rust's String does.
	if !utf8.Valid(out) {
		return "", fmt.Errorf("pair %d is not UTF-8 once decoded", pair)
	}
	return string(out), nil
}

// ANCHOR_END: parse

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	default:
		return c - 'a' + 10
	}
}

// ANCHOR: format
// Format writes pairs as a query string that Parse reads back unchanged.
// url.QueryEscape escapes exactly the bytes the Rust twin's encode does.
func Format(pairs []Pair) string {
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p.Key))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(p.Value))
	}
	return b.String()
}

// ANCHOR_END: format
