package origin

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// refresh runs one flight: fetch, compile, store the new entry, wake the
// waiters.
func (c *Cache[T]) refresh(ctx context.Context, url string, s *slot[T], f *flight[T]) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	c.stats.fetches.Add(1)
	value, ttl, err := c.load(ctx, url)
	now := c.opts.Now()
	prev := s.entry.Load()

	var e *entry[T]
	if err == nil {
		e = &entry[T]{
			value:      value,
			hasValue:   true,
			fetched:    now,
			freshUntil: now.Add(ttl),
			staleUntil: now.Add(ttl + c.opts.StaleFor),
		}
		if prev != nil && prev.err != nil {
			c.opts.Logger.Info("origin recovered", "url", url, "suppressed", s.suppressed)
			s.lastLog, s.suppressed = time.Time{}, 0
		}
	} else {
		c.stats.errors.Add(1)
		e = &entry[T]{err: err, retryAt: now.Add(c.opts.RetryAfter)}
		if prev != nil && prev.hasValue {
			e.value, e.hasValue, e.fetched = prev.value, true, prev.fetched
			e.freshUntil, e.staleUntil = prev.freshUntil, prev.staleUntil
		}
		c.logFailure(s, url, e, now)
	}
	s.entry.Store(e)
	f.entry = e

	s.mu.Lock()
	s.flight = nil
	s.mu.Unlock()
	close(f.done)
}

// load fetches and compiles url. A panicking Compile is reported as
// ErrCompile rather than taking the process down.
func (c *Cache[T]) load(ctx context.Context, url string) (value T, ttl time.Duration, err error) {
	body, err := c.fetch(ctx, url)
	if err != nil {
		return value, 0, err
	}
	defer func() {
		if r := recover(); r != nil {
			err = &Error{URL: url, Kind: ErrCompile, Err: fmt.Errorf("panic: %v", r)}
		}
	}()
	value, ttl, err = c.compile(url, body)
	if err != nil {
		return value, 0, &Error{URL: url, Kind: ErrCompile, Err: err}
	}
	return value, max(ttl, 0), nil
}

// logFailure logs at most one line per URL per logEvery, counting the
// failures it kept quiet about.
func (c *Cache[T]) logFailure(s *slot[T], url string, e *entry[T], now time.Time) {
	if !s.lastLog.IsZero() && now.Sub(s.lastLog) < logEvery {
		s.suppressed++
		return
	}
	attrs := []any{"url", url, "err", e.err, "suppressed", s.suppressed}
	if e.canServeStale(now) {
		attrs = append(attrs, "stale_until", e.staleUntil)
	}
	c.opts.Logger.Warn("origin fetch failed", attrs...)
	s.lastLog, s.suppressed = now, 0
}

// waitError is what a caller gets when its own context ends the wait.
func waitError(url string, err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return &Error{URL: url, Kind: ErrTimeout, Err: err}
	}
	return fmt.Errorf("fetch origin %s: %w", url, err)
}
