// Command users is a command-line program over the user store. An error
// gets context where it lacks some: the store's errors already name the
// call and its argument, so they go up as they are, and wrapping uses %w so
// that the sentinel errors stay visible to errors.Is at the top.
//
// Usage: users FILE add NAME, or users FILE get ID.
package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"

	userstore "example.com/gotorust/error-handling/user-store"
)

// ANCHOR: run
// run does what the arguments ask and returns what to print.
func run(args []string) (string, error) {
	if len(args) != 3 {
		return "", errors.New("usage: users FILE (add NAME | get ID)")
	}
	path, command, arg := args[0], args[1], args[2]
	// The store's errors say what failed and with which argument ("get
	// user 9: user not found"): wrapping them in "looking up user 9" would
	// say it twice.
	store, err := userstore.Open(path)
	if err != nil {
		return "", err
	}
	switch command {
	case "add":
		user, err := store.Add(arg)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("added user %d", user.ID), nil
	case "get":
		// strconv's error names the input, but not what it was meant to be.
		id, err := strconv.ParseUint(arg, 10, 64)
		if err != nil {
			return "", fmt.Errorf("bad user id: %w", err)
		}
		user, err := store.Get(id)
		if err != nil {
			return "", err
		}
		return user.Name, nil
	default:
		return "", fmt.Errorf("unknown command %q", command)
	}
}

// ANCHOR_END: run

// ANCHOR: main
func main() {
	output, err := run(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "users: %v\n", err)
		os.Exit(exitCode(err))
	}
	fmt.Println(output)
}

// exitCode tells "no such user" from a real failure, for scripts.
func exitCode(err error) int {
	if errors.Is(err, userstore.ErrNotFound) {
		return 2
	}
	return 1
}

// ANCHOR_END: main
