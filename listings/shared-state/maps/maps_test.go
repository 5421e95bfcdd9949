package maps

import (
	"fmt"
	"sync"
	"testing"
)

func TestConcurrentIncrementsAllCount(t *testing.T) {
	cases := []struct {
		name string
		keys int
	}{
		{"one key", 1},
		{"a few keys", 3},
		{"many keys", 40},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var counts Counts
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() {
					for i := range 1_000 {
						counts.Increment(fmt.Sprintf("key%d", i%tc.keys))
					}
				})
			}
			wg.Wait()
			var total uint64
			for k := range tc.keys {
				total += counts.Get(fmt.Sprintf("key%d", k))
			}
			if total != 8_000 || counts.Get("absent") != 0 {
				t.Errorf("total %d, absent %d; want 8000, 0", total, counts.Get("absent"))
			}
		})
	}
}

func TestReadersSeeASettingOnceItIsWritten(t *testing.T) {
	var s Settings
	if _, ok := s.Get("mode"); ok {
		t.Fatal("mode is set before anyone wrote it")
	}
	var wg sync.WaitGroup
	wg.Go(func() { s.Set("mode", "fast") })
	wg.Wait()
	for range 4 {
		wg.Go(func() {
			if v, _ := s.Get("mode"); v != "fast" {
				t.Errorf("Get(mode) = %q", v)
			}
		})
	}
	wg.Wait()
}
