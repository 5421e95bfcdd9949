// Package kinds shows Go's one string type: an immutable run of bytes,
// passed around as a pointer and a length. The strings chapter sets it
// beside Rust's String, &str, [u8] and char.
package kinds

// ANCHOR: greeting
// Greeting works for any string: a literal, one built at run time, or part
// of another. Passing a string copies its pointer and length, not its bytes.
func Greeting(name string) string {
	return "Hello, " + name + "!"
}

// ANCHOR_END: greeting
