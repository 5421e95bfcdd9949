// Package deadline puts a deadline on a slow operation with
// context.WithTimeout. The operation must watch ctx.Done() itself and
// release what it holds on the way out: the Go side of deadlines in the
// "cancellation and context" chapter, beside src/main.rs.
package deadline

import (
	"context"
	"time"
)

// ANCHOR: fetch
// Connection stands for what a real fetch would hold.
type Connection struct{ Released bool }

// Release gives the connection back.
func (c *Connection) Release() { c.Released = true }

// FetchPrice waits for a price on reply, holding conn meanwhile, unless
// ctx is done first.
func FetchPrice(ctx context.Context, reply <-chan uint64, conn *Connection) (uint64, error) {
	defer conn.Release()
	select {
	case p := <-reply:
		return p, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// ANCHOR_END: fetch

// ANCHOR: deadline
// PriceWithin fetches a price, giving up after limit.
func PriceWithin(limit time.Duration, reply <-chan uint64, conn *Connection) (uint64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel() // frees the timer when the fetch wins
	return FetchPrice(ctx, reply, conn)
}

// ANCHOR_END: deadline
