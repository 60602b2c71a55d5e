package origin

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Compile turns a fetched body into the cached value and says how long it
// stays fresh (the caller decides: live = half the target duration, VOD =
// minutes). An error keeps the previous value, if any, for stale serving.
type Compile[T any] func(url string, body []byte) (value T, ttl time.Duration, err error)

// Result is a cached value. Stale is true when the origin is failing and
// Value is the last good one, older than its TTL but within StaleFor.
type Result[T any] struct {
	Value   T
	Fetched time.Time
	Stale   bool
}

// Cache fetches, compiles and caches origin playlists by URL. It is safe for
// concurrent use; Close stops its janitor.
type Cache[T any] struct {
	opts    Options
	compile Compile[T]
	allow   allowList
	client  *http.Client

	mu    sync.RWMutex
	slots map[string]*slot[T]

	stats     counters
	stop      chan struct{}
	closeOnce sync.Once
}

// slot is the per-URL state. entry is replaced, never mutated, so readers
// need no lock.
type slot[T any] struct {
	entry    atomic.Pointer[entry[T]]
	lastUsed atomic.Int64 // unix nanos, coarse (see touch)

	mu     sync.Mutex // guards flight
	flight *flight[T]

	// Only the running flight touches these; flights of a slot are
	// serialized through mu.
	lastLog    time.Time
	suppressed int
}

// entry is an immutable snapshot: the last good value (if any) and the
// outcome of the last fetch.
type entry[T any] struct {
	value      T
	hasValue   bool
	fetched    time.Time
	freshUntil time.Time
	staleUntil time.Time // freshUntil + StaleFor

	err     error     // last fetch failed with err; value is the previous good one
	retryAt time.Time // no new fetch before this after a failure
}

// flight is one fetch in progress; waiters block on done.
type flight[T any] struct {
	done  chan struct{}
	entry *entry[T] // set before done is closed
}

// NewCache returns a cache that fetches with opts and compiles with compile.
// Invalid Allow entries are ignored (Options.Validate reports them).
func NewCache[T any](opts Options, compile Compile[T]) *Cache[T] {
	opts = opts.withDefaults()
	allow, _ := parseAllow(opts.Allow)
	c := &Cache[T]{
		opts:    opts,
		compile: compile,
		allow:   allow,
		client:  newClient(opts.Client, allow, opts.Timeout),
		slots:   make(map[string]*slot[T]),
		stop:    make(chan struct{}),
	}
	go c.janitor(sweepEvery(opts.IdleAfter))
	return c
}

// Get returns the compiled value for url. A fresh entry is returned without
// allocating. Otherwise the caller waits for the one fetch in flight for
// url (its own ctx only ends its wait, never the fetch). When that fetch
// fails and the last good value is within StaleFor of going stale, Get
// returns it with Stale=true; otherwise the error, an *Error wrapping one
// of the sentinels (or ctx's error when the caller gave up first).
func (c *Cache[T]) Get(ctx context.Context, url string) (Result[T], error) {
	now := c.opts.Now()
	c.mu.RLock()
	s := c.slots[url]
	c.mu.RUnlock()
	if s != nil {
		s.touch(now)
		if e := s.entry.Load(); e != nil && e.settled(now) {
			return c.serve(e, now, true)
		}
	}
	return c.miss(ctx, url, s, now)
}

// settled reports whether e answers without a fetch: fresh, or a failure
// too recent to retry.
func (e *entry[T]) settled(now time.Time) bool {
	if e.err == nil {
		return now.Before(e.freshUntil)
	}
	return now.Before(e.retryAt)
}

func (e *entry[T]) canServeStale(now time.Time) bool {
	return e.hasValue && now.Before(e.staleUntil)
}

// serve turns an entry into Get's answer. hit counts fresh serves that did
// not wait for a fetch.
func (c *Cache[T]) serve(e *entry[T], now time.Time, hit bool) (Result[T], error) {
	switch {
	case e.err == nil:
		if hit {
			c.stats.hits.Add(1)
		}
		return Result[T]{Value: e.value, Fetched: e.fetched}, nil
	case e.canServeStale(now):
		c.stats.stale.Add(1)
		return Result[T]{Value: e.value, Fetched: e.fetched, Stale: true}, nil
	default:
		return Result[T]{}, e.err
	}
}

func (c *Cache[T]) miss(ctx context.Context, url string, s *slot[T], now time.Time) (Result[T], error) {
	if s == nil {
		if err := c.allow.checkRaw(url); err != nil {
			c.stats.rejected.Add(1)
			return Result[T]{}, err
		}
		s = c.slotFor(url, now)
	}
	f, settled := c.join(ctx, url, s)
	if settled != nil {
		return c.serve(settled, c.opts.Now(), true)
	}
	// The origin already failed once: let one background fetch retry and
	// keep serving the stale value instead of making every viewer wait.
	if cur := s.entry.Load(); cur != nil && cur.err != nil && cur.canServeStale(now) {
		return c.serve(cur, now, false)
	}
	c.stats.misses.Add(1)
	select {
	case <-f.done:
		return c.serve(f.entry, c.opts.Now(), false)
	case <-ctx.Done():
		return Result[T]{}, waitError(url, ctx.Err())
	}
}

// join returns the flight for s, starting one if none runs, or the entry if
// another flight settled it meanwhile.
func (c *Cache[T]) join(ctx context.Context, url string, s *slot[T]) (*flight[T], *entry[T]) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// A flight that finished between Get's check and here stored its entry
	// before clearing s.flight, so this re-check sees it.
	if e := s.entry.Load(); e != nil && e.settled(c.opts.Now()) {
		return nil, e
	}
	if s.flight == nil {
		s.flight = &flight[T]{done: make(chan struct{})}
		// The fetch outlives any one caller: keep ctx values, drop its
		// cancellation; refresh applies Timeout.
		go c.refresh(context.WithoutCancel(ctx), url, s, s.flight)
	}
	return s.flight, nil
}

// touch records use for idle eviction, writing at most once a second so
// parallel hits do not contend on the cache line.
func (s *slot[T]) touch(now time.Time) {
	n := now.UnixNano()
	if n-s.lastUsed.Load() > int64(time.Second) {
		s.lastUsed.Store(n)
	}
}

func (c *Cache[T]) slotFor(url string, now time.Time) *slot[T] {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := c.slots[url]; s != nil {
		return s
	}
	if len(c.slots) >= c.opts.MaxEntries {
		c.evictOldestLocked()
	}
	s := &slot[T]{}
	s.lastUsed.Store(now.UnixNano())
	c.slots[url] = s
	return s
}
