// Package testmodel is the Go side of "the test model" in the "testing
// side by side" chapter: settings read through a lookup function, a
// reminder sent through a Mailer interface that a test can fake, and a
// delay that a synctest bubble's fake clock skips.
package testmodel

import (
	"fmt"
	"strconv"
	"time"
)

// ANCHOR: settings
// Settings is what the service reads from its environment.
type Settings struct{ Port int }

// SettingsFrom reads the settings through lookup: os.LookupEnv in main,
// a closure over a table in the tests.
func SettingsFrom(lookup func(string) (string, bool)) (Settings, error) {
	text, ok := lookup("PORT")
	if !ok {
		return Settings{Port: 8080}, nil
	}
	port, err := strconv.ParseUint(text, 10, 16)
	if err != nil {
		return Settings{}, fmt.Errorf("PORT=%s: %w", text, err)
	}
	return Settings{Port: int(port)}, nil
}

// ANCHOR_END: settings

// ANCHOR: mailer
// Mailer is whatever sends mail. The service gets a real one; a test, a
// fake.
type Mailer interface {
	Send(to, body string)
}

// RemindLater waits delay, then reminds every user.
func RemindLater(m Mailer, users []string, delay time.Duration) {
	time.Sleep(delay)
	for _, user := range users {
		m.Send(user, "your trial ends tomorrow")
	}
}

// ANCHOR_END: mailer
