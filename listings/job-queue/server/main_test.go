// Tests of the command-line settings.

package main

import "testing"

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		want    Config
		wantErr bool
	}{
		{"defaults", nil, nil, Config{"127.0.0.1:8080", 4, 64}, false},
		{"space form", nil, []string{"--workers", "2", "--addr", "127.0.0.1:0"}, Config{"127.0.0.1:0", 2, 64}, false},
		{"equals form", nil, []string{"--queue-capacity=3", "-workers=1"}, Config{"127.0.0.1:8080", 1, 3}, false},
		{"environment", map[string]string{"JOBQ_WORKERS": "7"}, nil, Config{"127.0.0.1:8080", 7, 64}, false},
		{"flag beats environment", map[string]string{"JOBQ_WORKERS": "7"}, []string{"--workers", "2"}, Config{"127.0.0.1:8080", 2, 64}, false},
		{"unknown flag", nil, []string{"--color", "red"}, Config{}, true},
		{"zero workers", nil, []string{"--workers", "0"}, Config{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseConfig(tc.args, func(k string) string { return tc.env[k] })
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("parseConfig(%v) = %+v, %v; want %+v (error: %v)", tc.args, got, err, tc.want, tc.wantErr)
			}
		})
	}
}
