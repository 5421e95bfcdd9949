package literals

import "testing"

// ANCHOR: tests
func TestLiterals(t *testing.T) {
	base := NewEndpoint("api.example.com", 8080)
	cases := []struct {
		name string
		got  Endpoint
		want Endpoint
	}{
		{"fields left out are zero", base,
			Endpoint{Host: "api.example.com", Port: 8080, TLS: false, Retries: 0}},
		{"an empty literal is the zero value", Endpoint{}, Endpoint{"", 0, false, 0}},
		{"a copy, changed", Secure(Endpoint{Host: "h", Port: 80, Retries: 3}),
			Endpoint{Host: "h", Port: 443, TLS: true, Retries: 3}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %+v, want %+v", tc.got, tc.want)
			}
		})
	}
}

// ANCHOR_END: tests
