package variants

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Service is the variant cache and render queue of one instance. Several
// instances may share Config.Dir.
type Service struct {
	cfg        Config
	log        *slog.Logger
	now        func() time.Time // tests replace it before Run
	sweepEvery time.Duration    // touch persistence and shared-dir refresh

	ready atomic.Pointer[readySet] // the hot path's view: ready variants only

	mu        sync.Mutex
	entries   map[string]*entry // every variant this instance knows
	queue     renderQueue
	seq       uint64
	rendering int        // workers busy (bounded by Concurrency)
	bytes     int64      // sum of ready variants' Bytes
	evictDue  bool       // a variant became ready over MaxBytes
	evictMu   sync.Mutex // one eviction pass at a time

	kick    chan struct{} // wakes Run: work queued, a worker done, eviction due
	running atomic.Bool
}

// entry is a variant's mutable state, guarded by Service.mu.
type entry struct {
	v         Variant // the record; once ready, c holds the published copy
	c         *cached // non-nil when ready
	render    RenderFunc
	prio      Priority
	seq       uint64
	index     int  // position in the queue, -1 when not queued
	gen       int  // bumped per attempt: results and progress of older attempts are ignored
	queueFull bool // failed because the queue was full (not a render attempt)
	failedAt  time.Time
	cancel    context.CancelFunc // of the attempt in flight
}

// New opens the variant cache in cfg.Dir: it loads the ready variants found
// there (their marker files), calls OnReady for each, and removes temp dirs
// left by renders that cannot still be running (older than RenderTimeout
// plus a minute, so a live render of another instance is spared).
func New(cfg Config) (*Service, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("variants: create dir: %w", err)
	}
	s := &Service{
		cfg:        cfg,
		log:        cfg.Log,
		now:        time.Now,
		sweepEvery: time.Minute,
		entries:    map[string]*entry{},
		kick:       make(chan struct{}, 1),
	}
	found, err := s.scan()
	if err != nil {
		return nil, err
	}
	set := make(readySet, len(found))
	for _, f := range found {
		c := s.newCached(f.v, f.used)
		set[c.v.ID] = c
		s.entries[c.v.ID] = &entry{v: c.v, c: c, index: -1}
		s.bytes += c.v.Bytes
	}
	s.ready.Store(&set)
	s.evictDue = s.bytes > cfg.MaxBytes
	if cfg.OnReady != nil {
		for _, c := range set {
			cfg.OnReady(c.variant())
		}
	}
	s.log.Info("variant cache opened", "dir", cfg.Dir, "ready", len(set), "bytes", s.bytes)
	return s, nil
}

// Ensure returns the variant for r.Key: ready if it is (in memory, or on
// disk where another instance or a previous run rendered it), else queued
// for rendering. Requests for one key are deduplicated; a High request
// upgrades a queued Low one. A failed variant is queued again once
// RetryAfter has passed, at most 3 attempts. An invalid request returns a
// failed Variant and is not remembered.
func (s *Service) Ensure(r Request) Variant {
	if c := s.lookup(r.Key); c != nil {
		return c.variant()
	}
	if !validID(r.Key) {
		return rejected(r, "invalid key: want 32 lowercase hex characters from variants.Key")
	}
	if r.Render == nil {
		return rejected(r, "no render function")
	}
	if s.diskCheckDue(r.Key) {
		v, used, err := s.readMarker(r.Key)
		if err == nil {
			return s.publish(v, used)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			s.log.Warn("variant on disk unreadable; rendering again", "id", r.Key, "err", err)
		}
	}
	s.mu.Lock()
	v, wake := s.enqueueLocked(r, s.now().UTC())
	s.mu.Unlock()
	if wake {
		s.wake()
	}
	return v
}

// diskCheckDue reports whether Ensure should look on disk for id first:
// when it is unknown here or about to be queued again.
func (s *Service) diskCheckDue(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.entries[id]
	return e == nil || e.v.Status == StatusFailed && s.retryDue(e, s.now())
}

func rejected(r Request, msg string) Variant {
	return Variant{ID: r.Key, CreativeID: r.CreativeID, Stream: r.Stream, Context: r.Context,
		Base: r.Base, Status: StatusFailed, Error: msg}
}

// Get returns the variant id in whatever state it is.
func (s *Service) Get(id string) (Variant, bool) {
	if c := s.lookup(id); c != nil {
		return c.variant(), true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.entries[id]; e != nil {
		return e.view(), true
	}
	return Variant{}, false
}

// List returns the variants of creativeID ("" = all), oldest first (then
// by ID).
func (s *Service) List(creativeID string) []Variant {
	s.mu.Lock()
	out := make([]Variant, 0, len(s.entries))
	for _, e := range s.entries {
		if creativeID == "" || e.v.CreativeID == creativeID {
			out = append(out, e.view())
		}
	}
	s.mu.Unlock()
	slices.SortFunc(out, func(a, b Variant) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// Stats counts variants by status, and the bytes of the ready ones.
func (s *Service) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := Stats{Queued: s.queue.Len(), Bytes: s.bytes}
	for _, e := range s.entries {
		switch e.v.Status {
		case StatusRendering:
			st.Rendering++
		case StatusReady:
			st.Ready++
		case StatusFailed:
			st.Failed++
		}
	}
	return st
}

// view is the entry as the API shows it. s.mu is held.
func (e *entry) view() Variant {
	if e.c != nil {
		return e.c.variant()
	}
	return e.v
}

// wake nudges Run without blocking.
func (s *Service) wake() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}
