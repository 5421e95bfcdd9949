package building

import "testing"

// ANCHOR: tests
func TestReceipt(t *testing.T) {
	cases := []struct {
		name  string
		items []Item
		want  string
	}{
		{"empty", nil, "---------------\ntotal      0.00\n"},
		{
			"two items",
			[]Item{{"coffee", 250}, {"bagel", 1205}},
			"coffee     2.50\nbagel     12.05\n---------------\ntotal     14.55\n",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Receipt(tc.items); got != tc.want {
				t.Errorf("Receipt() =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// ANCHOR_END: tests
