package panics

import "testing"

// ANCHOR: tests
func TestGuarded(t *testing.T) {
	items := []int{1, 2, 3}
	index := 5
	cases := []struct {
		name    string
		work    func() int
		want    int
		wantErr string
	}{
		{"no panic", func() int { return items[2] }, 3, ""},
		{"index out of range", func() int { return items[index] }, 0,
			"work panicked: runtime error: index out of range [5] with length 3"},
		{"explicit panic", func() int { panic("queue is corrupt") }, 0,
			"work panicked: queue is corrupt"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Guarded(tc.work)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if got != tc.want || gotErr != tc.wantErr {
				t.Errorf("Guarded = %d, %q; want %d, %q", got, gotErr, tc.want, tc.wantErr)
			}
		})
	}
}

// ANCHOR_END: tests
