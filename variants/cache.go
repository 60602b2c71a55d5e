package variants

import (
	"cmp"
	"container/heap"
	"errors"
	"io/fs"
	"maps"
	"os"
	"slices"
	"sync/atomic"
	"time"
)

// cached is a ready variant as the hot path reads it. v never changes
// after publication; only the use clock moves, atomically, so Ready and
// Touch take no lock.
type cached struct {
	v         Variant      // LastUsed is filled from used on the way out
	used      atomic.Int64 // unix ns of the last use
	persisted atomic.Int64 // the use last written to (or read from) the marker's mtime
}

// readySet maps ID to ready variant. It is copied on write and swapped
// atomically: renders and evictions are rare, lookups are per decision.
type readySet map[string]*cached

func (c *cached) variant() Variant {
	v := c.v
	v.LastUsed = time.Unix(0, c.used.Load()).UTC()
	return v
}

func (s *Service) newCached(v Variant, used time.Time) *cached {
	v.Status = StatusReady
	v.Progress = 1
	v.Error = ""
	v.MasterURL = s.cfg.URLPrefix + v.ID + "/master.m3u8"
	v.LastUsed = time.Time{}
	c := &cached{v: v}
	c.used.Store(used.UnixNano())
	c.persisted.Store(used.UnixNano())
	return c
}

func (s *Service) lookup(id string) *cached {
	return (*s.ready.Load())[id]
}

// Ready returns the variant key if it is ready. It is the decision path's
// question: no disk, no lock, no allocation. It does not count as a use
// (Touch does).
func (s *Service) Ready(key string) (Variant, bool) {
	c := s.lookup(key)
	if c == nil {
		return Variant{}, false
	}
	return c.variant(), true
}

// Touch records a use of a ready variant for the LRU (File does too). It
// is an atomic store; Run persists uses to the marker's mtime at most once
// a minute, so other instances sharing the dir see them.
func (s *Service) Touch(id string) {
	if c := s.lookup(id); c != nil {
		raise(&c.used, s.now().UnixNano())
	}
}

// raise sets a to v unless a is already later.
func raise(a *atomic.Int64, v int64) {
	for {
		old := a.Load()
		if old >= v || a.CompareAndSwap(old, v) {
			return
		}
	}
}

// publish makes v, a ready record whose directory is in place, visible.
// An earlier publication of the same ID wins and is returned; otherwise
// OnReady is called (outside the lock) and any queued or running attempt
// for it is dropped.
func (s *Service) publish(v Variant, used time.Time) Variant {
	c := s.newCached(v, used)
	s.mu.Lock()
	e := s.entries[v.ID]
	if e != nil && e.c != nil {
		s.mu.Unlock()
		return e.c.variant()
	}
	if e == nil {
		e = &entry{index: -1}
		s.entries[v.ID] = e
	}
	if e.index >= 0 {
		heap.Remove(&s.queue, e.index)
	}
	if e.cancel != nil {
		e.cancel()
		e.cancel = nil
	}
	e.gen++
	e.render = nil
	e.v, e.c = c.v, c
	set := maps.Clone(*s.ready.Load())
	set[c.v.ID] = c
	s.ready.Store(&set)
	s.bytes += c.v.Bytes
	s.evictDue = s.bytes > s.cfg.MaxBytes
	s.mu.Unlock()
	s.wake()
	s.log.Info("variant ready", "id", c.v.ID, "creative", c.v.CreativeID, "stream", c.v.Stream, "bytes", c.v.Bytes)
	if s.cfg.OnReady != nil {
		s.cfg.OnReady(c.variant())
	}
	return c.variant()
}

// forgetLocked removes ready variants from memory (not from disk) when the
// entry still holds the same publication. s.mu is held.
func (s *Service) forgetLocked(gone []*cached) {
	if len(gone) == 0 {
		return
	}
	set := maps.Clone(*s.ready.Load())
	for _, c := range gone {
		if e := s.entries[c.v.ID]; e != nil && e.c == c {
			delete(s.entries, c.v.ID)
			delete(set, c.v.ID)
			s.bytes -= c.v.Bytes
		}
	}
	s.ready.Store(&set)
}

// evict, when a variant became ready over budget, removes least recently
// used ready variants not used within Grace until the ready bytes fit
// MaxBytes. Run calls it; evictMu makes a pass atomic for observers.
func (s *Service) evict() {
	s.evictMu.Lock()
	defer s.evictMu.Unlock()
	now := s.now().UnixNano()
	s.mu.Lock()
	due := s.evictDue
	s.evictDue = false
	over := s.bytes - s.cfg.MaxBytes
	if !due || over <= 0 {
		s.mu.Unlock()
		return
	}
	lru := make([]*cached, 0, len(*s.ready.Load()))
	for _, c := range *s.ready.Load() {
		lru = append(lru, c)
	}
	slices.SortFunc(lru, func(a, b *cached) int { return cmp.Compare(a.used.Load(), b.used.Load()) })
	var victims []*cached
	for _, c := range lru {
		if over <= 0 || now-c.used.Load() < int64(s.cfg.Grace) {
			break // sorted by use: the rest are within Grace too
		}
		victims = append(victims, c)
		over -= c.v.Bytes
	}
	s.forgetLocked(victims)
	s.mu.Unlock()
	for _, c := range victims {
		if err := s.removeVariantDir(c.v.ID); err != nil {
			s.log.Warn("evict variant", "id", c.v.ID, "err", err)
			continue
		}
		s.log.Info("variant evicted", "id", c.v.ID, "bytes", c.v.Bytes,
			"last_used", time.Unix(0, c.used.Load()).UTC())
	}
	if over > 0 {
		s.log.Warn("variant cache over MaxBytes: every remaining variant was used within Grace",
			"over_bytes", over, "grace", s.cfg.Grace)
	}
}

// sweep keeps this instance's view in step with the shared dir: it writes
// uses since the last sweep to marker mtimes, adopts later uses by other
// instances, forgets variants another instance evicted, and removes stale
// temp dirs. Only Run calls it, every sweepEvery and when it stops.
func (s *Service) sweep() {
	var gone []*cached
	for id, c := range *s.ready.Load() {
		marker := s.markerPath(id)
		fi, err := os.Stat(marker)
		if errors.Is(err, fs.ErrNotExist) {
			gone = append(gone, c)
			continue
		}
		if err != nil {
			s.log.Warn("stat variant marker", "id", id, "err", err)
			continue
		}
		if m := fi.ModTime().UnixNano(); m > c.persisted.Load() {
			raise(&c.used, m)
			c.persisted.Store(m)
		}
		used := c.used.Load()
		if used <= c.persisted.Load() {
			continue
		}
		if err := os.Chtimes(marker, time.Time{}, time.Unix(0, used)); err != nil {
			s.log.Warn("persist variant use", "id", id, "err", err)
			continue
		}
		c.persisted.Store(used)
	}
	if len(gone) > 0 {
		s.mu.Lock()
		s.forgetLocked(gone)
		s.mu.Unlock()
		for _, c := range gone {
			s.log.Info("variant gone from disk (evicted by another instance?)", "id", c.v.ID)
		}
	}
	s.removeStaleTemps()
}
