// Package filenames lists the files of a directory by extension. A Go file
// name is a string holding whatever bytes the system gave, UTF-8 or not.
// The strings chapter sets it beside Rust's OsString, Path and PathBuf.
package filenames

import (
	"os"
	"path/filepath"
)

// ANCHOR: sources
// Sources returns the paths of the entries of dir that are not directories
// and whose extension is ext (with its dot, as filepath.Ext returns it),
// sorted by name.
func Sources(dir, ext string) ([]string, error) {
	entries, err := os.ReadDir(dir) // sorted by file name
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, e := range entries {
		if !e.IsDir() && filepath.Ext(e.Name()) == ext {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	return paths, nil
}

// ANCHOR_END: sources
