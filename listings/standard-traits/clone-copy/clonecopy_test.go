package clonecopy

import (
	"slices"
	"testing"
)

// ANCHOR: tests
func TestAssignmentSharesTheItems(t *testing.T) {
	a := Order{ID: 1, Items: []string{"book"}}
	b := a
	b.ID = 2
	b.Items[0] = "pen"
	if a.ID != 1 {
		t.Errorf("a.ID = %d: the int field was shared", a.ID)
	}
	if a.Items[0] != "pen" {
		t.Errorf("a.Items = %v: expected the shared array to show pen", a.Items)
	}
}

func TestACloneOwnsItsOwnItems(t *testing.T) {
	a := Order{ID: 1, Items: []string{"book"}}
	b := a.Clone()
	b.Items[0] = "pen"
	if !slices.Equal(a.Items, []string{"book"}) {
		t.Errorf("a.Items = %v, want [book]", a.Items)
	}
}

func TestZeroValueIsEachFieldsZero(t *testing.T) {
	var o Order
	if o.ID != 0 || o.Items != nil || o.Express {
		t.Errorf("zero Order = %+v", o)
	}
	p := Point{X: 1, Y: 2}
	q := p
	q.X = 10
	if p != (Point{1, 2}) {
		t.Errorf("p = %v after changing its copy", p)
	}
}

// ANCHOR_END: tests
