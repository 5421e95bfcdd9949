package printing

import (
	"fmt"
	"testing"
)

// ANCHOR: tests
func TestEachVerb(t *testing.T) {
	server := Server{Name: "api", Port: 8080, Tags: []string{"web", "prod"}}
	p := Point{X: 1, Y: -2}
	cases := []struct {
		name, got, want string
	}{
		{"%v", fmt.Sprintf("%v", server), "{api 8080 [web prod]}"},
		{"%+v", fmt.Sprintf("%+v", server), "{Name:api Port:8080 Tags:[web prod]}"},
		{"%#v", fmt.Sprintf("%#v", server),
			`printing.Server{Name:"api", Port:8080, Tags:[]string{"web", "prod"}}`},
		{"%v with String", fmt.Sprintf("%v", p), "(1, -2)"},
		{"%+v with String", fmt.Sprintf("%+v", p), "(1, -2)"},
		{"%#v with String", fmt.Sprintf("%#v", p), "printing.Point{X:1, Y:-2}"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %s, want %s", tc.got, tc.want)
			}
		})
	}
}

// ANCHOR_END: tests
