package store

import (
	"slices"
	"sync"
	"testing"
)

func TestBumpsAllCount(t *testing.T) {
	var c Counter
	sink := make(chan uint64, 100)
	var wg sync.WaitGroup
	for range 100 {
		wg.Go(func() { BumpAndSave(&c, sink) })
	}
	wg.Wait()
	close(sink)
	var values []uint64
	for v := range sink {
		values = append(values, v)
	}
	slices.Sort(values)
	for i, v := range values {
		if v != uint64(i+1) {
			t.Fatalf("saved values %v, want 1..100", values)
		}
	}
	if len(values) != 100 {
		t.Fatalf("%d values saved, want 100", len(values))
	}
}

func TestRecordsAreNeverInterleaved(t *testing.T) {
	lines := make(chan uint64) // unbuffered: writers really block inside the lock
	log := &Log{sink: lines}
	var wg sync.WaitGroup
	for i := range uint64(20) {
		wg.Go(func() { log.WriteRecord([2]uint64{i * 2, i*2 + 1}) })
	}
	go func() {
		wg.Wait()
		close(lines)
	}()
	var got []uint64
	for line := range lines {
		got = append(got, line)
	}
	if len(got) != 40 {
		t.Fatalf("%d lines, want 40", len(got))
	}
	for i := 0; i < len(got); i += 2 {
		if got[i+1] != got[i]+1 {
			t.Fatalf("a record was split: %v", got)
		}
	}
}
