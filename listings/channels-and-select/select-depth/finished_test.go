package selectdepth

import (
	"slices"
	"testing"
)

// The test is the loader: it hands over the settings before any job
// exists, so Serve can only take them, and then closes the channel. Both
// jobs must find the limit it sent, not the zero value that a closed
// channel gives on every later receive.
func TestServeTakesTheSettingsOnce(t *testing.T) {
	jobs, loaded := make(chan int), make(chan Settings)
	result := make(chan []Done)
	go func() { result <- Serve(jobs, loaded) }()
	loaded <- Settings{Limit: 10}
	close(loaded)
	jobs <- 1
	jobs <- 2
	close(jobs)
	if got, want := <-result, []Done{{1, 10}, {2, 10}}; !slices.Equal(got, want) {
		t.Errorf("Serve = %v, want %v", got, want)
	}
}

// ANCHOR: closed
func TestAClosedChannelIsReadyOnEveryRound(t *testing.T) {
	loaded := make(chan Settings, 1)
	loaded <- Settings{Limit: 10}
	close(loaded)
	var jobs chan int // never ready
	var got []Settings
	for range 3 {
		select {
		case s := <-loaded:
			got = append(got, s)
		case <-jobs:
		}
	}
	if want := []Settings{{10}, {0}, {0}}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// ANCHOR_END: closed
