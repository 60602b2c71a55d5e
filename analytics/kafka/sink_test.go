package kafka

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/adstitch/adstitch/analytics"
)

// recordingSink records every Insert call and deduplicates by event id, so
// a test can tell delivered-at-least-once (rows) from counted-exactly-once
// (distinct). before, when set, runs first on each call (numbered from 1):
// store reports whether the batch is kept, err what Insert returns.
type recordingSink struct {
	mu     sync.Mutex
	calls  int
	rows   int            // events accepted, duplicates included
	counts map[string]int // event id -> times stored
	before func(ctx context.Context, call int) (store bool, err error)

	distinct atomic.Int64
}

func newRecordingSink() *recordingSink {
	return &recordingSink{counts: make(map[string]int)}
}

func (s *recordingSink) Insert(ctx context.Context, batch []analytics.Event) error {
	s.mu.Lock()
	s.calls++
	call := s.calls
	s.mu.Unlock()
	store, err := true, error(nil)
	if s.before != nil {
		store, err = s.before(ctx, call)
	}
	if store {
		s.mu.Lock()
		for _, e := range batch {
			s.rows++
			if s.counts[e.ID]++; s.counts[e.ID] == 1 {
				s.distinct.Add(1)
			}
		}
		s.mu.Unlock()
	}
	return err
}

func (s *recordingSink) Close() error { return nil }

// Distinct is the number of events counted once.
func (s *recordingSink) Distinct() int { return int(s.distinct.Load()) }

// Rows is the number of events stored, duplicates included.
func (s *recordingSink) Rows() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rows
}

// Missing returns the ids not stored.
func (s *recordingSink) Missing(ids []string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var missing []string
	for _, id := range ids {
		if s.counts[id] == 0 {
			missing = append(missing, id)
		}
	}
	return missing
}

// countingSink counts events and keeps nothing: the benchmark's store.
type countingSink struct{ n atomic.Int64 }

func (s *countingSink) Insert(_ context.Context, batch []analytics.Event) error {
	s.n.Add(int64(len(batch)))
	return nil
}

func (s *countingSink) Close() error { return nil }
