// Command hello prints a greeting: the program the toolchain chapter
// builds, tests, formats and vets with the go command, beside the same
// program in Rust.
package main

import (
	"fmt"
	"os"
)

// ANCHOR: program
// ANCHOR: greeting
// Greeting returns the greeting for name, or for the world when name is
// the empty string.
func Greeting(name string) string {
	if name == "" {
		name = "world"
	}
	return fmt.Sprintf("Hello, %s!", name)
}

// ANCHOR_END: greeting

// ANCHOR: main
func main() {
	name := ""
	if len(os.Args) > 1 {
		name = os.Args[1]
	}
	fmt.Println(Greeting(name))
}

// ANCHOR_END: main
// ANCHOR_END: program
