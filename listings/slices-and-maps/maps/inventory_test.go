package inventory

import "testing"

// ANCHOR: tests
func TestInventory(t *testing.T) {
	inv := New()
	inv.Add("bolt", 3)
	inv.Add("bolt", 2)
	inv.Add("nut", 1)

	steps := []struct {
		name   string
		take   string
		n      int
		ok     bool
		left   int
		exists bool
	}{
		{"some", "bolt", 4, true, 1, true},
		{"too many", "bolt", 2, false, 1, true},
		{"the last one", "nut", 1, true, 0, false},
		{"never added", "gear", 1, false, 0, false},
	}
	for _, s := range steps {
		if ok := inv.Take(s.take, s.n); ok != s.ok {
			t.Errorf("%s: Take(%q, %d) = %v, want %v", s.name, s.take, s.n, ok, s.ok)
		}
		if left, exists := inv.Count(s.take); left != s.left || exists != s.exists {
			t.Errorf("%s: Count(%q) = %d, %v, want %d, %v",
				s.name, s.take, left, exists, s.left, s.exists)
		}
	}
}

func TestAMissingKeyReadsAsZero(t *testing.T) {
	m := map[string]int{}
	if m["gear"] != 0 || len(m) != 0 {
		t.Error("reading a missing key changed the map or was not zero")
	}
}

// ANCHOR_END: tests
