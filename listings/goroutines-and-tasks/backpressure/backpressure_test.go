package backpressure

import (
	"runtime/pprof"
	"strings"
	"testing"
	"testing/synctest"
)

// blockedSenders counts the goroutines still inside ProduceDetached's
// closure, from a dump of every goroutine's stack.
func blockedSenders() int {
	var stacks strings.Builder
	if err := pprof.Lookup("goroutine").WriteTo(&stacks, 2); err != nil {
		panic(err)
	}
	return strings.Count(stacks.String(), "backpressure.ProduceDetached.func1(")
}

// In a synctest bubble, synctest.Wait returns once every goroutine in it
// is blocked: here, once the producer waits on the full channel.
func TestABoundedChannelHoldsTheProducerBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ch := make(chan []byte, 64)
		done := make(chan struct{})
		go func() {
			Produce(ch, 30_000)
			close(done)
		}()
		synctest.Wait()
		if len(ch) != 64 {
			t.Fatalf("%d messages queued, want the buffer's 64", len(ch))
		}
		select {
		case <-done:
			t.Fatal("the producer finished without waiting for the receiver")
		default:
		}
		// Nor does it ever get further ahead: it cannot have finished
		// while more than 64 messages are still to come.
		for received := 1; received <= 30_000; received++ {
			<-ch
			if received >= 30_000-64 {
				continue
			}
			select {
			case <-done:
				t.Fatalf("the producer finished with %d received", received)
			default:
			}
		}
		<-done
	})
}

func TestAGoroutinePerSendMovesTheQueueIntoGoroutines(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ch := make(chan []byte, 64)
		ProduceDetached(ch, 10_000)
		synctest.Wait()
		if got := blockedSenders(); got != 10_000-64 {
			t.Fatalf("%d goroutines wait to send, want %d", got, 10_000-64)
		}
		for range 10_000 {
			<-ch
		}
		synctest.Wait()
		if got := blockedSenders(); got != 0 {
			t.Fatalf("%d goroutines still wait to send, want 0", got)
		}
	})
}
