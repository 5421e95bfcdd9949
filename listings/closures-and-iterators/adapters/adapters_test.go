package adapters

import (
	"slices"
	"testing"
)

// ANCHOR: tests
func TestParseOrder(t *testing.T) {
	cases := []struct {
		text    string
		want    []Item
		wantErr string
	}{
		{"apples=3\n# c\n\npears=2", []Item{{"apples", 3}, {"pears", 2}}, ""},
		{"apples=3\npears", nil, `no '=' in "pears"`},
		{"apples=x\npears=y", nil, `apples: strconv.ParseUint: parsing "x": invalid syntax`},
	}
	for _, tc := range cases {
		got, err := ParseOrder(tc.text)
		if tc.wantErr != "" {
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("ParseOrder(%q) error = %v, want %q", tc.text, err, tc.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("ParseOrder(%q) = %v, %v; want %v", tc.text, got, err, tc.want)
		}
	}
}

func TestLoops(t *testing.T) {
	if got := Numbers([]string{"3", "x", "-4"}); !slices.Equal(got, []int64{3, -4}) {
		t.Errorf("Numbers = %v", got)
	}
	if got := Positives([]int32{3, -1, 0, 5}); !slices.Equal(got, []int32{3, 5}) {
		t.Errorf("Positives = %v", got)
	}
	got := Ranking([]string{"ann", "bo", "cy"}, []uint32{9, 7})
	if !slices.Equal(got, []string{"1. ann: 9", "2. bo: 7"}) {
		t.Errorf("Ranking = %q", got)
	}
	if got := Header("# a\n## b\ncode\n# c"); got != "a b" {
		t.Errorf("Header = %q", got)
	}
	tags := AllTags([]string{"go, rust", "rust,cli"})
	if !slices.Equal(tags, []string{"cli", "go", "rust"}) {
		t.Errorf("AllTags = %q", tags)
	}
}

// ANCHOR_END: tests
