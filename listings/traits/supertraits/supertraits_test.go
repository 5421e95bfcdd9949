package supertraits

import "testing"

func TestShuttingDown(t *testing.T) {
	cases := []struct {
		name      string
		open      bool
		want      string
		stillOpen bool
	}{
		{"an open database closes", true, "closed <orders>", false},
		{"a closed one says so", false, "<orders>: already closed", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := &Database{DBName: "orders", Open: tc.open}
			if got := ShutDown(db); got != tc.want {
				t.Errorf("ShutDown = %q, want %q", got, tc.want)
			}
			if db.Open != tc.stillOpen {
				t.Errorf("Open = %v", db.Open)
			}
		})
	}
}
