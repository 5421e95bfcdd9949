// The one chat room, as in room.rs: who is in it, and the fan-out of every
// message to every member.
//
// Each member has a buffered outbound queue (--buffer frames) that its
// writer goroutine drains. Delivering never blocks: a member whose queue is
// full misses the frame. Broadcasts carry a sequence number, so the writer
// sees the gap and tells its client how many it missed. Memory stays
// bounded however slowly anyone reads.

package main

import (
	"slices"
	"sync"
)

// outbound is one frame for a member's writer. seq numbers broadcasts;
// it is 0 for a reply meant for this member alone.
type outbound struct {
	seq   uint64
	frame []byte
}

type member struct {
	name string
	out  chan outbound
}

// Room is safe for concurrent use.
type Room struct {
	buffer  int // each member's queue, in frames (--buffer)
	mu      sync.Mutex
	seq     uint64
	members map[string]*member
}

func newRoom(buffer int) *Room {
	return &Room{buffer: buffer, members: make(map[string]*member)}
}

// ANCHOR: join
// join adds a member called name and announces it to the others. Its
// queue is made here, once the name is accepted, so a connection that has
// not joined holds none; it gets the welcome (with the member list) before
// any broadcast. join returns the member and the sequence number its writer
// counts from.
func (r *Room) join(name string) (*member, uint64, *refusal) {
	if err := validateName(name); err != nil {
		return nil, 0, refuse(codeInvalidName, "%v", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, taken := r.members[name]; taken {
		return nil, 0, refuse(codeNameTaken, "%s is taken", name)
	}
	r.seq++
	r.deliver(outbound{seq: r.seq, frame: joined(name, nil)})
	m := &member{name: name, out: make(chan outbound, r.buffer)}
	r.members[name] = m
	names := make([]string, 0, len(r.members))
	for name := range r.members {
		names = append(names, name)
	}
	slices.Sort(names)
	m.out <- outbound{frame: joined(name, names)} // the new queue is empty
	return m, r.seq, nil
}

// ANCHOR_END: join

func (r *Room) say(from, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq++
	r.deliver(outbound{seq: r.seq, frame: message(from, text)})
}

// leave removes m, if it is still the member of that name, and announces it.
func (r *Room) leave(m *member) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.members[m.name] != m {
		return
	}
	delete(r.members, m.name)
	r.seq++
	r.deliver(outbound{seq: r.seq, frame: left(m.name)})
}

// missedSince counts the broadcasts after last that m's empty queue does
// not hold: those the room dropped. With frames still queued it returns 0,
// since the gap (if any) will show in their sequence numbers.
func (r *Room) missedSince(m *member, last uint64) uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(m.out) > 0 || r.seq < last {
		return 0
	}
	return r.seq - last
}

// ANCHOR: deliver
// deliver queues o for every member without ever waiting: a full queue
// means that member misses o. Callers hold r.mu.
func (r *Room) deliver(o outbound) {
	for _, m := range r.members {
		select {
		case m.out <- o:
		default:
		}
	}
}

// ANCHOR_END: deliver
