package filenames

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf8"
)

// ANCHOR: tests
func TestSourcesKeepsNamesThatAreNotUTF8(t *testing.T) {
	dir := t.TempDir()
	latin1 := "caf\xe9.rs" // é in Latin-1: not valid UTF-8
	for _, name := range []string{"main.rs", "notes.txt", latin1} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "dir.rs"), 0o755); err != nil {
		t.Fatal(err)
	}

	got, err := Sources(dir, ".rs")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, latin1), filepath.Join(dir, "main.rs")}
	if !slices.Equal(got, want) {
		t.Fatalf("Sources = %q, want %q", got, want)
	}
	if utf8.ValidString(got[0]) {
		t.Errorf("%q came back as valid UTF-8", got[0])
	}
}

func TestExtIncludesTheDot(t *testing.T) {
	cases := []struct{ path, want string }{
		{"main.go", ".go"},
		{"archive.tar.gz", ".gz"},
		{".bashrc", ".bashrc"},
		{"Makefile", ""},
	}
	for _, tc := range cases {
		if got := filepath.Ext(tc.path); got != tc.want {
			t.Errorf("Ext(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

// ANCHOR_END: tests
