// Command users is a command-line program over the user store. Each layer
// wraps the error it got with what it was doing, using %w so that the
// sentinel errors stay visible to errors.Is at the top.
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
	store, err := userstore.Open(path)
	if err != nil {
		return "", fmt.Errorf("opening the user store: %w", err)
	}
	switch command {
	case "add":
		user, err := store.Add(arg)
		if err != nil {
			return "", fmt.Errorf("adding user %q: %w", arg, err)
		}
		return fmt.Sprintf("added user %d", user.ID), nil
	case "get":
		id, err := strconv.ParseUint(arg, 10, 64)
		if err != nil {
			return "", fmt.Errorf("%q is not a user id: %w", arg, err)
		}
		user, err := store.Get(id)
		if err != nil {
			return "", fmt.Errorf("looking up user %d: %w", id, err)
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
