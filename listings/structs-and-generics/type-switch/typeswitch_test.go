package typeswitch

import (
	"errors"
	"runtime"
	"testing"
)

// ANCHOR: tests
func TestDescribe(t *testing.T) {
	type celsius float64
	cases := []struct {
		v    any
		want string
	}{
		{nil, "nothing"},
		{8080, "the number 8080"},
		{"ok", `the text "ok"`},
		{ErrNotFound, "a failure: not found"},
		{celsius(20), "a typeswitch.celsius"},
		{int64(1), "a int64"}, // only int matches case int
	}
	for _, tc := range cases {
		if got := Describe(tc.v); got != tc.want {
			t.Errorf("Describe(%#v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestPort(t *testing.T) {
	if n, ok := Port(8080); n != 8080 || !ok {
		t.Errorf("Port(8080) = %d, %v", n, ok)
	}
	if n, ok := Port("8080"); n != 0 || ok {
		t.Errorf(`Port("8080") = %d, %v`, n, ok)
	}
}

func TestAssertionWithoutOkPanics(t *testing.T) {
	defer func() {
		var typeErr *runtime.TypeAssertionError
		err, _ := recover().(error)
		if !errors.As(err, &typeErr) {
			t.Errorf("recovered %v, want a *runtime.TypeAssertionError", err)
		}
	}()
	var v any = "8080"
	_ = v.(int)
}

// ANCHOR_END: tests
