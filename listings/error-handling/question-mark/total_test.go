package questionmark

import "testing"

// ANCHOR: tests
func TestTotal(t *testing.T) {
	cases := []struct {
		name    string
		lines   []string
		want    int64
		wantErr string
	}{
		{"adds numbers", []string{"40", " 2 "}, 42, ""},
		{"nothing adds up to zero", nil, 0, ""},
		{"stops at the first bad line", []string{"1", "two", "3"}, 0,
			`strconv.ParseInt: parsing "two": invalid syntax`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Total(tc.lines)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if got != tc.want || gotErr != tc.wantErr {
				t.Errorf("Total(%q) = %d, %q; want %d, %q",
					tc.lines, got, gotErr, tc.want, tc.wantErr)
			}
		})
	}
}

// ANCHOR_END: tests
