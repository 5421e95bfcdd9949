// Command count is the program beside the visibility package: a package
// main of its own, which imports the library by its import path.
package main

// ANCHOR: main
import (
	"fmt"
	"os"

	"example.com/gotorust/crates-and-modules/visibility"
)

func main() {
	var store visibility.Store
	for _, name := range os.Args[1:] {
		store.Add(name)
	}
	fmt.Printf("%+v\n", store)
}

// ANCHOR_END: main
