package selectdepth

// ANCHOR: tally
// Tally runs rounds selects over three cases, of which the first two are
// always ready (their channels are closed) and the third never is, and
// counts the wins of each.
func Tally(rounds int) [3]int {
	ready0, ready1 := make(chan struct{}), make(chan struct{})
	close(ready0)
	close(ready1)
	var never chan struct{}
	var wins [3]int
	for range rounds {
		select {
		case <-ready0:
			wins[0]++
		case <-ready1:
			wins[1]++
		case <-never:
			wins[2]++
		}
	}
	return wins
}

// ANCHOR_END: tally
