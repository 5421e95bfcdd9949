package main

import "testing"

// ANCHOR: tests
func TestGreeting(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"empty name greets the world", "", "Hello, world!"},
		{"a name is used as given", "Gopher", "Hello, Gopher!"},
		{"unicode passes through", "Ferris 🦀", "Hello, Ferris 🦀!"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Greeting(tc.in); got != tc.want {
				t.Errorf("Greeting(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// ANCHOR_END: tests
