package testmodel

import (
	"testing"
	"time"
)

// ANCHOR: meet
// Tests of one package that call t.Parallel run at the same time. These two
// meet on an unbuffered channel: each offers to send and to receive, and
// one test's offer is taken only by the other's. Run one at a time
// (go test -parallel 1), each waits in vain.
var meeting = make(chan struct{})

func meetTheOtherTest(t *testing.T) {
	t.Parallel()
	select {
	case meeting <- struct{}{}:
	case <-meeting:
	case <-time.After(10 * time.Second):
		t.Fatal("the other test never came: run one at a time (-parallel 1)?")
	}
}

func TestOneOfTwoThatMeet(t *testing.T) { meetTheOtherTest(t) }

func TestTheOtherOfTwoThatMeet(t *testing.T) { meetTheOtherTest(t) }

// ANCHOR_END: meet
