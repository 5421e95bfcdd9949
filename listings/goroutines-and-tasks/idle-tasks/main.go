// Command idle-tasks holds N idle goroutines at once and reports the
// process's resident memory before and after, for `cargo xtask bench tasks`;
// src/main.rs does the same with tokio tasks. Usage: idle-tasks N.
package main

import (
	"bufio"
	"fmt"
	"log"
	"os"
	"strconv"
	"strings"
	"sync"
)

// Report is what one run measured.
type Report struct {
	Tasks                     int
	RSSBeforeKiB, RSSAfterKiB uint64
}

// rssKiB returns the resident set size of this process, from /proc (Linux
// only).
func rssKiB() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		if rest, ok := strings.CutPrefix(scanner.Text(), "VmRSS:"); ok {
			kib, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				log.Fatal(err)
			}
			return kib
		}
	}
	log.Fatal("no VmRSS in /proc/self/status")
	return 0
}

// Hold starts n goroutines that each wait on one shared channel, measures
// memory once all of them have started, then stops them and waits for all.
func Hold(n int) Report {
	stop := make(chan struct{})
	var started, finished sync.WaitGroup
	before := rssKiB()
	started.Add(n)
	for range n {
		finished.Go(func() {
			started.Done()
			<-stop
		})
	}
	started.Wait()
	after := rssKiB()
	close(stop)
	finished.Wait()
	return Report{Tasks: n, RSSBeforeKiB: before, RSSAfterKiB: after}
}

func main() {
	n := 10_000
	if len(os.Args) > 1 {
		var err error
		if n, err = strconv.Atoi(os.Args[1]); err != nil {
			log.Fatalf("N is a number of goroutines: %v", err)
		}
	}
	r := Hold(n)
	fmt.Printf("tasks=%d rss_before_kib=%d rss_after_kib=%d\n", r.Tasks, r.RSSBeforeKiB, r.RSSAfterKiB)
}
