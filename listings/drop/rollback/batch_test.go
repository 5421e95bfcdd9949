package rollback

import (
	"slices"
	"testing"
)

// ANCHOR: tests
func TestABatchIsKeptOnlyWhenCommitted(t *testing.T) {
	cases := []struct {
		name      string
		names     []string
		wantErr   bool
		wantItems []string
	}{
		{"all good", []string{"b", "c"}, false, []string{"a", "b", "c"}},
		{"empty name", []string{"b", "", "c"}, true, []string{"a"}},
		{"nothing", nil, false, []string{"a"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			items := []string{"a"}
			err := AddAll(&items, tc.names)
			if (err != nil) != tc.wantErr {
				t.Errorf("AddAll error = %v, want error: %v", err, tc.wantErr)
			}
			if !slices.Equal(items, tc.wantItems) {
				t.Errorf("items = %q, want %q", items, tc.wantItems)
			}
		})
	}
}

// ANCHOR_END: tests
