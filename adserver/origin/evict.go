package origin

import "time"

// sweepEvery is how often the janitor looks for idle entries.
func sweepEvery(idle time.Duration) time.Duration {
	return min(max(idle/4, time.Second), time.Minute)
}

func (c *Cache[T]) janitor(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
			c.sweep(c.opts.Now())
		}
	}
}

// sweep drops entries not requested within IdleAfter of now.
func (c *Cache[T]) sweep(now time.Time) {
	cutoff := now.Add(-c.opts.IdleAfter).UnixNano()
	c.mu.Lock()
	defer c.mu.Unlock()
	for url, s := range c.slots {
		if s.lastUsed.Load() < cutoff {
			delete(c.slots, url)
		}
	}
}

// evictOldestLocked drops the least recently used entry to make room. It
// scans all entries, which only happens on insert into a full cache.
func (c *Cache[T]) evictOldestLocked() {
	var oldestURL string
	oldest := int64(1<<63 - 1)
	for url, s := range c.slots {
		if used := s.lastUsed.Load(); used < oldest {
			oldest, oldestURL = used, url
		}
	}
	delete(c.slots, oldestURL)
}

// Close stops the janitor. Cached values stay readable; fetches in flight
// finish on their own within Timeout.
func (c *Cache[T]) Close() error {
	c.closeOnce.Do(func() { close(c.stop) })
	return nil
}
