package shapes

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

// ANCHOR: tests
func TestShapesOfEveryTypeInOneSlice(t *testing.T) {
	shapes := []Shape{Square{2}, Circle{1}}
	shapes = append(shapes, shapes[0].Scaled(3))
	if got := TotalArea(shapes); got != 4+3+36 {
		t.Errorf("total area %v, want 43", got)
	}
	if _, ok := shapes[2].(Square); !ok {
		t.Errorf("a scaled Square is a %T", shapes[2])
	}
}

func TestReport(t *testing.T) {
	var out strings.Builder
	if err := Report(&out, Square{2}); err != nil || out.String() != "area 4.0" {
		t.Errorf("Report wrote %q, %v", out.String(), err)
	}
}

// Go 1.27 allows a type parameter on a method of a concrete type, but not
// on an interface's method, so no interface needs one in its method table.
func TestOnlyConcreteMethodsHaveTypeParameters(t *testing.T) {
	const square = `package p
type Square struct{ Side float64 }
func (s Square) AreaAs[F ~float32 | ~float64]() F { return F(s.Side * s.Side) }
`
	if errs := typeCheck(square); len(errs) != 0 {
		t.Errorf("a generic method of a struct: %v", errs)
	}
	const shape = `package p
type Shape interface{ AreaAs[F ~float32 | ~float64]() F }
`
	errs := typeCheck(shape)
	want := "interface method must have no type parameters"
	if len(errs) == 0 || !strings.Contains(errs[0].Error(), want) {
		t.Errorf("errors: %v, want the first to contain %q", errs, want)
	}
}

// ANCHOR_END: tests

// typeCheck parses and type-checks one file as the compiler would, for
// Go 1.27, and returns every error it finds.
func typeCheck(src string) []error {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		return []error{err}
	}
	var errs []error
	conf := types.Config{GoVersion: "go1.27", Error: func(err error) { errs = append(errs, err) }}
	conf.Check("p", fset, []*ast.File{file}, nil)
	return errs
}
