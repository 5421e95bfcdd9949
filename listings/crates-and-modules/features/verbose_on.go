//go:build verbose

// The verbose half of Banner, compiled only with -tags verbose.
package features

import (
	"fmt"
	"os"
)

const verbose = true

func detail() string {
	return fmt.Sprintf(" (pid %d)", os.Getpid())
}
