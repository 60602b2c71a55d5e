package origin

import "sync/atomic"

// Stats are cumulative counters since NewCache, plus the current size.
type Stats struct {
	Fetches  uint64 // requests sent to origins
	Hits     uint64 // fresh values served without waiting
	Misses   uint64 // Gets that waited for a fetch
	Errors   uint64 // fetches that failed (origin or compile)
	Stale    uint64 // stale values served while the origin failed
	Rejected uint64 // URLs refused by the allowlist
	Entries  int    // URLs cached now
}

type counters struct {
	fetches, hits, misses, errors, stale, rejected atomic.Uint64
}

// Stats returns a snapshot of the counters.
func (c *Cache[T]) Stats() Stats {
	c.mu.RLock()
	n := len(c.slots)
	c.mu.RUnlock()
	return Stats{
		Fetches:  c.stats.fetches.Load(),
		Hits:     c.stats.hits.Load(),
		Misses:   c.stats.misses.Load(),
		Errors:   c.stats.errors.Load(),
		Stale:    c.stats.stale.Load(),
		Rejected: c.stats.rejected.Load(),
		Entries:  n,
	}
}
