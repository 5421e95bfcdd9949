package main

import (
	"reflect"
	"testing"
)

func newMember(name string, buffer int) *member {
	return &member{name: name, out: make(chan outbound, buffer)}
}

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
	room := newRoom()
	ada := newMember("ada", 8)
	steps := []struct {
		name string
		m    *member
		code string
	}{
		{"a free, valid name", ada, ""},
		{"taken", newMember("ada", 8), codeNameTaken},
		{"invalid", newMember("no spaces", 8), codeInvalidName},
		{"another free name", newMember("bob", 8), ""},
	}
	for _, step := range steps {
		_, refused := room.join(step.m)
		code := ""
		if refused != nil {
			code = refused.Code
		}
		if code != step.code {
			t.Errorf("%s: join(%q) refused with %q, want %q", step.name, step.m.name, code, step.code)
		}
	}
	room.leave(ada)
	if _, refused := room.join(newMember("ada", 8)); refused != nil {
		t.Errorf("after ada left, the name is free: %v", refused)
	}
}

func TestAMemberGetsTheWelcomeThenEverythingAfter(t *testing.T) {
	room := newRoom()
	ada := newMember("ada", 8)
	room.join(ada)
	room.say("ada", "hi")
	bob := newMember("bob", 8)
	room.join(bob)
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
	room := newRoom()
	slow := newMember("slow", 2)
	last, _ := room.join(slow) // the welcome takes one slot
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
