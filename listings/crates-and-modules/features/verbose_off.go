//go:build !verbose

// The default half of Banner, compiled unless -tags verbose is given.
package features

const verbose = false

func detail() string { return "" }
