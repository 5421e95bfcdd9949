package config

import (
	"errors"
	"testing"
)

// The Rust tests of this exercise (../tests/cases.rs) mirror these cases
// one for one, under the same names.

func TestParse(t *testing.T) {
	cases := []struct {
		name    string
		text    string
		want    Config
		wantIs  error  // the kind of error, nil for none
		wantErr string // its message
	}{
		{"parses_every_key", "name = web\nport = 8080\ndebug = true\n", Config{"web", 8080, true}, nil, ""},
		{"comments_and_blank_lines_are_skipped", "# the service\n\nname = web\n   \nport = 80\n", Config{"web", 80, false}, nil, ""},
		{"spaces_around_keys_and_values_are_ignored", "  name=  my app \nport   =443", Config{"my app", 443, false}, nil, ""},
		{"a_key_given_twice_keeps_its_last_value", "name = a\nport = 1\nname = b", Config{"b", 1, false}, nil, ""},
		{"a_line_without_equals_is_an_error", "name = web\nport 8080\n", Config{}, ErrNoEquals, "line 2: expected key = value"},
		{"an_unknown_key_is_an_error", "name = web\ncolour = blue\nport = 1", Config{}, ErrUnknownKey, `line 2: unknown key "colour"`},
		{"a_port_out_of_range_is_a_bad_value", "name = web\n\nport = 70000", Config{}, ErrBadValue, `line 3: bad value "70000" for port`},
		{"debug_is_true_or_false", "debug = yes\nname = web\nport = 1", Config{}, ErrBadValue, `line 1: bad value "yes" for debug`},
		{"an_empty_name_is_a_bad_value", "name =\nport = 1", Config{}, ErrBadValue, `line 1: bad value "" for name`},
		{"a_missing_port_is_an_error", "name = web", Config{}, ErrMissing, `missing key "port"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.text)
			if tc.wantIs == nil {
				if err != nil || got != tc.want {
					t.Errorf("Parse(%q) = %+v, %v; want %+v, nil", tc.text, got, err, tc.want)
				}
				return
			}
			if !errors.Is(err, tc.wantIs) || err.Error() != tc.wantErr {
				t.Errorf("Parse(%q) error = %v; want %q (errors.Is %v)", tc.text, err, tc.wantErr, tc.wantIs)
			}
		})
	}
}
