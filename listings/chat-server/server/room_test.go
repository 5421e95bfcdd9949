package main

import (
	"reflect"
	"testing"
)

// drain returns the frames queued for m, as text.
func drain(m *member) []string {
	var frames []string
	for {
		select {
		case o := <-m.out:
			frames = append(frames, string(o.frame))
		default:
			return frames
		}
	}
}

func TestNamesAreCheckedAndUniqueUntilTheirOwnerLeaves(t *testing.T) {
	t.Parallel()
	room := newRoom(8)
	ada, _, refused := room.join("ada")
	if refused != nil {
		t.Fatalf("join(ada) in an empty room: %v", refused)
	}
	tests := []struct {
		name, joining, code string
	}{
		{"taken", "ada", codeNameTaken},
		{"invalid", "no spaces", codeInvalidName},
		{"another free name", "bob", ""},
	}
	for _, tc := range tests {
		m, _, refused := room.join(tc.joining)
		code := ""
		if refused != nil {
			code = refused.Code
		}
		if code != tc.code {
			t.Errorf("%s: join(%q) refused with %q, want %q", tc.name, tc.joining, code, tc.code)
		}
		if (m == nil) != (refused != nil) {
			t.Errorf("%s: join(%q) = member %v, refusal %v; want exactly one", tc.name, tc.joining, m, refused)
		}
	}
	room.leave(ada)
	if _, _, refused := room.join("ada"); refused != nil {
		t.Errorf("after ada left, the name is free: %v", refused)
	}
}

func TestAMemberGetsTheWelcomeThenEverythingAfter(t *testing.T) {
	t.Parallel()
	room := newRoom(8)
	ada, _, _ := room.join("ada")
	room.say("ada", "hi")
	bob, _, _ := room.join("bob")
	room.leave(bob)
	want := []string{
		`{"type":"joined","name":"ada","members":["ada"]}`,
		`{"type":"message","from":"ada","text":"hi"}`,
		`{"type":"joined","name":"bob"}`,
		`{"type":"left","name":"bob"}`,
	}
	if got := drain(ada); !reflect.DeepEqual(got, want) {
		t.Errorf("ada got\n%q\nwant\n%q", got, want)
	}
}

func TestAFullQueueMissesFramesAndTheGapShows(t *testing.T) {
	t.Parallel()
	room := newRoom(2)
	slow, last, _ := room.join("slow") // the welcome takes one slot
	for range 5 {
		room.say("ada", "x")
	}
	<-slow.out // the welcome
	o := <-slow.out
	if missed := o.seq - last - 1; missed != 0 {
		t.Errorf("the first message after the join: missed = %d, want 0", missed)
	}
	select {
	case o := <-slow.out:
		t.Errorf("a queue of two kept a third frame: %s", o.frame)
	default:
	}
	room.say("ada", "after")
	o2 := <-slow.out
	if missed := o2.seq - o.seq - 1; missed != 4 {
		t.Errorf("missed = %d, want 4 (messages 2 to 5)", missed)
	}
}
