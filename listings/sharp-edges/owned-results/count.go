// Package count counts words in several documents at once, twice: with one
// map behind a mutex that every goroutine locks, and with a map per
// goroutine sent back over a channel and merged by the caller. The "Sharp
// edges" chapter sets it beside the same refactor in Rust.
package count

import (
	"strings"
	"sync"
)

// ANCHOR: shared
// CountShared has every goroutine lock the one shared map for every word.
func CountShared(documents []string) map[string]int {
	var (
		mu     sync.Mutex
		counts = map[string]int{}
		wg     sync.WaitGroup
	)
	for _, document := range documents {
		wg.Go(func() {
			for word := range strings.FieldsSeq(document) {
				mu.Lock()
				counts[word]++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return counts
}

// ANCHOR_END: shared

// ANCHOR: owned
// CountOwned has every goroutine fill its own map and send it back; only
// the caller touches the total.
func CountOwned(documents []string) map[string]int {
	results := make(chan map[string]int, len(documents))
	for _, document := range documents {
		go func() {
			counts := map[string]int{}
			for word := range strings.FieldsSeq(document) {
				counts[word]++
			}
			results <- counts
		}()
	}
	total := map[string]int{}
	for range documents {
		for word, n := range <-results {
			total[word] += n
		}
	}
	return total
}

// ANCHOR_END: owned
