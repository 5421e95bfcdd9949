package runlength

import (
	"errors"
	"strings"
	"testing"
)

// The Rust tests of this exercise (../tests/cases.rs) mirror these cases
// one for one, under the same names.

func TestEncode(t *testing.T) {
	cases := []struct {
		name, text, want string
		wantErr          error
		wantMessage      string
	}{
		{"encodes_runs", "aaabcc", "3a1b2c", nil, ""},
		{"empty_encodes_to_empty", "", "", nil, ""},
		{"runs_are_of_characters_not_bytes", "ééé€", "3é1€", nil, ""},
		{"digits_cannot_be_encoded", "ab1", "", ErrDigit, "cannot encode a digit: '1'"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Encode(tc.text)
			if !errors.Is(err, tc.wantErr) || got != tc.want || (err != nil && err.Error() != tc.wantMessage) {
				t.Errorf("Encode(%q) = %q, %v; want %q, %q", tc.text, got, err, tc.want, tc.wantMessage)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	cases := []struct {
		name, encoded, want string
		wantErr             error
		wantMessage         string
	}{
		{"decodes_runs", "3a1b2c", "aaabcc", nil, ""},
		{"counts_can_have_several_digits", "12x", strings.Repeat("x", 12), nil, ""},
		{"a_character_without_a_count_is_an_error", "3ab", "", ErrMissingCount, "missing count before 'b'"},
		{"a_count_at_the_end_is_an_error", "3a2", "", ErrTrailingCount, "count without a character at the end"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode(tc.encoded)
			if !errors.Is(err, tc.wantErr) || got != tc.want || (err != nil && err.Error() != tc.wantMessage) {
				t.Errorf("Decode(%q) = %q, %v; want %q, %q", tc.encoded, got, err, tc.want, tc.wantMessage)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	t.Run("decoding_an_encoding_gives_the_text_back", func(t *testing.T) {
		text := "hello, wörld!!!"
		encoded, err := Encode(text)
		if err != nil {
			t.Fatalf("Encode(%q): %v", text, err)
		}
		if got, err := Decode(encoded); err != nil || got != text {
			t.Errorf("Decode(Encode(%q)) = %q, %v", text, got, err)
		}
	})
}
