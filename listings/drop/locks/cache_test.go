package locks

import (
	"sync"
	"testing"
)

// ANCHOR: tests
func TestLoadRunsWithoutTheLock(t *testing.T) {
	c := NewCache()
	value := c.GetOrLoad("k", func(key string) string {
		// Another caller could lock now: Unlock ran.
		if !c.mu.TryLock() {
			t.Error("still locked during load")
		} else {
			c.mu.Unlock()
		}
		return "loaded " + key
	})
	if value != "loaded k" {
		t.Errorf("GetOrLoad = %q, want %q", value, "loaded k")
	}
	if !c.mu.TryLock() {
		t.Error("still locked after return")
	}
}

func TestAPanicUnlocksThroughDefer(t *testing.T) {
	var mu sync.Mutex
	counter := 0
	func() {
		defer func() { _ = recover() }()
		mu.Lock()
		defer mu.Unlock()
		counter++
		panic("bug while holding the lock")
	}()
	// The deferred Unlock ran while panicking; no poisoning, no trace.
	if !mu.TryLock() {
		t.Fatal("mutex still locked after the panic")
	}
	if counter != 1 {
		t.Errorf("counter = %d, want 1", counter)
	}
}

// ANCHOR_END: tests
