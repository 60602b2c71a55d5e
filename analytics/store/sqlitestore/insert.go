package sqlitestore

import (
	"context"
	"fmt"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/store"
)

// Insert stores a batch in one transaction: all of it or, on error, none.
// A batch with an invalid event is rejected before anything is written.
//
// Events of new ids are appended; a copy of a stored event replaces it
// only with a higher version (store.Version). Inserts of one Store run one
// at a time: SQLite would serialize their write transactions anyway.
func (s *Store) Insert(ctx context.Context, batch []analytics.Event) error {
	if len(batch) == 0 {
		return nil
	}
	if err := store.ValidateBatch(batch); err != nil {
		return fmt.Errorf("sqlite insert: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.insert(ctx, batch); err != nil {
		s.tail.forget()
		s.ids = nil // may hold ids of a tail it did not index
		return fmt.Errorf("sqlite insert %d events: %w", len(batch), err)
	}
	return nil
}

// insert writes the plan: tail events replaced in place, new ids appended
// and checked against event_keys, and the tail indexed once it is long.
func (s *Store) insert(ctx context.Context, batch []analytics.Event) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if err := s.tail.sync(ctx, tx, &s.stmts); err != nil {
		return err
	}
	if err := s.syncFilter(ctx, tx); err != nil {
		return err
	}
	p := &s.plan
	p.pick(batch)
	p.againstTail(batch, &s.tail)
	if err := s.replaceTail(ctx, tx, batch); err != nil {
		return err
	}
	before := s.tail.lastSeq
	if err := s.appendEvents(ctx, tx, batch); err != nil {
		return err
	}
	if err := s.resolveClashes(ctx, tx, batch); err != nil {
		return err
	}
	if s.tail.lastSeq != before {
		if _, err := tx.StmtContext(ctx, s.stmts.setLast).ExecContext(ctx, s.tail.lastSeq); err != nil {
			return fmt.Errorf("record seq %d: %w", s.tail.lastSeq, err)
		}
	}
	if len(s.tail.rows) >= indexAt(s.indexRows, s.indexShare, s.ids.count()) {
		if err := s.indexTail(ctx, tx); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
