package methodcalls

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"strings"
	"testing"
)

// ANCHOR: tests
func TestTheCompilerTakesTheAddress(t *testing.T) {
	var c Counter
	c.Hit()            // c is addressable: this is (&c).Hit()
	(*Counter).Hit(&c) // the same call, as a method expression
	p := &c
	// A value method through a pointer: this is (*p).Hits().
	if got := p.Hits(); got != 2 {
		t.Errorf("Hits() = %d, want 2", got)
	}
}

func TestMethodSets(t *testing.T) {
	hitter := reflect.TypeFor[Hitter]()
	cases := []struct {
		typ  reflect.Type
		want bool
	}{
		{reflect.TypeFor[Counter](), false},
		{reflect.TypeFor[*Counter](), true},
	}
	for _, tc := range cases {
		if got := tc.typ.Implements(hitter); got != tc.want {
			t.Errorf("%v implements Hitter: %v, want %v", tc.typ, got, tc.want)
		}
	}
}

// A map element is not addressable, so a pointer method cannot be called
// on it. The test type-checks that code with go/types and expects the
// compiler's error.
func TestAMapElementIsNotAddressable(t *testing.T) {
	const src = `package p
type Counter struct{ hits int }
func (c *Counter) Hit() { c.hits++ }
func f(m map[string]Counter) { m["home"].Hit() }
`
	errs := typeCheck(t, src)
	want := "cannot call pointer method Hit on Counter"
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), want) {
		t.Errorf("errors: %v, want one containing %q", errs, want)
	}
}

// ANCHOR_END: tests

// typeCheck type-checks one file of source as the compiler would, and
// returns every error it finds.
func typeCheck(t *testing.T, src string) []error {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var errs []error
	conf := types.Config{GoVersion: "go1.27", Error: func(err error) { errs = append(errs, err) }}
	conf.Check("p", fset, []*ast.File{file}, nil)
	return errs
}
