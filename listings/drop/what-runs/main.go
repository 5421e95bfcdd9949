// Command whatruns defers a call and then leaves in the way its argument
// names: return, panic or exit. The drop chapter sets it beside a Rust
// program that holds a guard; its test runs it once per way.
package main

import (
	"fmt"
	"os"
)

// ANCHOR: main
func main() {
	mode := "return"
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	run(mode)
}

func run(mode string) {
	defer fmt.Println("deferred call")
	fmt.Println("mode", mode)
	switch mode {
	case "panic":
		panic("a bug") // deferred calls run, then the program dies
	case "exit":
		os.Exit(3) // no deferred call runs
	}
}

// ANCHOR_END: main
