package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/adstitch/adstitch/analytics"
)

// clash is an appended event whose id event_ids already lists: a copy of
// an event older than the tail.
type clash struct {
	eventID            string
	seq, version       int64 // the appended copy
	oldSeq, oldVersion int64 // the stored one
}

// resolveClashes keeps one copy of each appended event that event_ids
// lists: the appended copy goes, after overwriting the stored one if its
// version is higher. Clashes are rare, a copy of an event arriving after
// event_ids took the tail it was in, and the filter spares the lookup of
// nearly every id that is not one.
func (s *Store) resolveClashes(ctx context.Context, tx *sql.Tx, batch []analytics.Event) error {
	p := &s.plan
	s.clashes = s.clashes[:0]
	var check *sql.Stmt
	for _, i := range p.appends {
		id := batch[i].ID
		if !s.ids.mayHold(s.ids.hash(id)) {
			continue
		}
		if check == nil {
			check = tx.StmtContext(ctx, s.stmts.clash)
		}
		if err := s.readClash(ctx, check, s.tail.rows[id].seq); err != nil {
			return fmt.Errorf("look up event %s in event_ids: %w", id, err)
		}
	}
	for _, c := range s.clashes {
		if c.version > c.oldVersion {
			if _, err := tx.StmtContext(ctx, s.stmts.copy).ExecContext(ctx, c.seq, c.oldSeq); err != nil {
				return fmt.Errorf("replace event %s: %w", c.eventID, err)
			}
		}
		if _, err := tx.StmtContext(ctx, s.stmts.delete).ExecContext(ctx, c.seq); err != nil {
			return fmt.Errorf("drop copy of event %s: %w", c.eventID, err)
		}
		delete(s.tail.rows, c.eventID)
	}
	return nil
}

// readClash adds to s.clashes the appended event seq if event_ids lists
// its id.
func (s *Store) readClash(ctx context.Context, check *sql.Stmt, seq int64) error {
	rows, err := check.QueryContext(ctx, seq)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c clash
		if err := rows.Scan(&c.seq, &c.eventID, &c.version, &c.oldSeq, &c.oldVersion); err != nil {
			return err
		}
		s.clashes = append(s.clashes, c)
	}
	return rows.Err()
}

// syncFilter brings s.ids up to event_ids within tx, after the tail's
// sync: built from event_ids the first time, then from the events other
// writers indexed since.
func (s *Store) syncFilter(ctx context.Context, tx *sql.Tx) error {
	if s.ids != nil && s.idsUpto == s.tail.upto {
		return nil
	}
	var rows *sql.Rows
	var err error
	if s.ids == nil {
		s.ids = newIDFilter()
		rows, err = tx.StmtContext(ctx, s.stmts.allIDs).QueryContext(ctx)
	} else {
		rows, err = tx.StmtContext(ctx, s.stmts.idsBetween).QueryContext(ctx, s.idsUpto, s.tail.upto)
	}
	if err != nil {
		s.ids = nil
		return fmt.Errorf("read event_ids: %w", err)
	}
	defer rows.Close()
	var id sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&id); err != nil {
			s.ids = nil
			return fmt.Errorf("read event_ids: %w", err)
		}
		s.ids.add(s.ids.hashBytes(id))
	}
	if err := rows.Err(); err != nil {
		s.ids = nil
		return fmt.Errorf("read event_ids: %w", err)
	}
	s.idsUpto = s.tail.upto
	return nil
}
