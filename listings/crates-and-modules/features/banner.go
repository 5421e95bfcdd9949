// Package features shows a Go build tag: verbose_on.go is compiled only
// with -tags verbose, verbose_off.go only without it. The crates chapter
// sets this beside a Cargo feature and #[cfg(feature)].
package features

import "fmt"

// ANCHOR: banner
// Banner is the line a server prints at start-up.
func Banner(port int) string {
	return fmt.Sprintf("listening on :%d", port) + detail()
}

// ANCHOR_END: banner
