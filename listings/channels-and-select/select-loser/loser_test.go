package loser

import "testing"

// ANCHOR: atomic
// A select chooses one ready case and performs only that one. However often
// the stop case wins, the message waiting in messages is never taken.
func TestALosingCaseTakesNothing(t *testing.T) {
	messages := make(chan int, 1)
	messages <- 1
	stop := make(chan struct{})
	close(stop) // always ready
	stopWins := 0
	for range 1_000 {
		select {
		case m := <-messages:
			messages <- m // put it back for the next round
		case <-stop:
			stopWins++
		}
		if len(messages) != 1 {
			t.Fatalf("after a select the message is gone (stop won %d times)", stopWins)
		}
	}
	if stopWins == 0 {
		t.Fatal("stop never won; select chooses among ready cases at random")
	}
}

// ANCHOR_END: atomic
