package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
)

// Counters are the server's state, shared by every connection.
type Counters struct {
	mu     sync.Mutex
	values map[string]int64
}

func NewCounters() *Counters {
	return &Counters{values: make(map[string]int64)}
}

// Execute runs one command line and returns the line to answer, and
// whether the connection should then be closed (after QUIT).
func (c *Counters) Execute(line string) (reply string, quit bool) {
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return "ERR empty line", false
	}
	switch command, args := fields[0], fields[1:]; command {
	case "INCR":
		if len(args) < 1 || len(args) > 2 {
			return "ERR usage: INCR name [n]", false
		}
		n := int64(1)
		if len(args) == 2 {
			var err error
			if n, err = strconv.ParseInt(args[1], 10, 64); err != nil {
				return fmt.Sprintf("ERR bad number %q", args[1]), false
			}
		}
		value, ok := c.add(args[0], n)
		if !ok {
			return "ERR overflow", false
		}
		return fmt.Sprintf("OK %d", value), false
	case "GET":
		if len(args) != 1 {
			return "ERR usage: GET name", false
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		return fmt.Sprintf("OK %d", c.values[args[0]]), false
	case "QUIT":
		return "BYE", true
	default:
		return fmt.Sprintf("ERR unknown command %q", command), false
	}
}

// add adds n to the counter name and returns its new value, or false, and
// no change, when the sum does not fit an int64.
func (c *Counters) add(name string, n int64) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	value := c.values[name]
	if (n > 0 && value > math.MaxInt64-n) || (n < 0 && value < math.MinInt64-n) {
		return value, false
	}
	c.values[name] = value + n
	return value + n, true
}
