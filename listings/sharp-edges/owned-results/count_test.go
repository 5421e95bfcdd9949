package count

import (
	"maps"
	"testing"
)

// ANCHOR: tests
func TestBothVersionsCountTheSame(t *testing.T) {
	cases := []struct {
		name      string
		documents []string
		want      map[string]int
	}{
		{"no documents", nil, map[string]int{}},
		{"one document", []string{"a b a"}, map[string]int{"a": 2, "b": 1}},
		{"words across documents", []string{"to be or", "not to be"},
			map[string]int{"be": 2, "not": 1, "or": 1, "to": 2}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := CountShared(tc.documents); !maps.Equal(got, tc.want) {
				t.Errorf("CountShared = %v, want %v", got, tc.want)
			}
			if got := CountOwned(tc.documents); !maps.Equal(got, tc.want) {
				t.Errorf("CountOwned = %v, want %v", got, tc.want)
			}
		})
	}
}

// ANCHOR_END: tests
