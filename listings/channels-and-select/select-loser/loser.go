// Package loser is the Go side of "what a losing branch loses" in the
// "channels and select" chapter, beside src/main.rs. Its test shows that a
// case of Go's select that is not chosen has no effect at all.
package loser
