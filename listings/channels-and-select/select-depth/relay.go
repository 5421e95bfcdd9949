// Package selectdepth is the Go side of "select in depth" in the "channels
// and select" chapter: nil channels that switch a case off, a channel that
// stays ready once closed, and the order in which a select chooses.
package selectdepth

// ANCHOR: relay
// Relay moves values from input to output in order, holding at most room
// of them, and closes output once input is closed and every held value is
// out. A nil channel is never ready, so each case is switched off by
// setting its channel to nil for this round.
func Relay(input <-chan int, output chan<- int, room int) {
	var held []int
	for input != nil || len(held) > 0 {
		in, out := input, output
		if len(held) == room {
			in = nil
		}
		var next int
		if len(held) == 0 {
			out = nil
		} else {
			next = held[0]
		}
		select {
		case value, ok := <-in:
			if !ok {
				input = nil
				continue
			}
			held = append(held, value)
		case out <- next:
			held = held[1:]
		}
	}
	close(output)
}

// ANCHOR_END: relay
