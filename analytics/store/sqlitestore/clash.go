package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/adstitch/adstitch/analytics"
)

// clash is an appended event whose id event_keys already lists: a copy of
// an event older than the tail.
type clash struct {
	eventID            string
	seq, version       int64 // the appended copy
	oldSeq, oldVersion int64 // the stored one
}

// resolveClashes keeps one copy of each appended event that event_keys
// lists: the appended copy goes, after overwriting the stored one if its
// version is higher. Clashes are rare, a copy of an event arriving after
// event_keys took the tail it was in, and the filter spares the lookup of
// nearly every id that is not one.
func (s *Store) resolveClashes(ctx context.Context, tx *sql.Tx, batch []analytics.Event) error {
	p := &s.plan
	s.clashes = s.clashes[:0]
	var check *sql.Stmt
	for _, i := range p.appends {
		id := batch[i].ID
		key := eventKey(id)
		if !s.ids.mayHold(uint64(key)) {
			continue
		}
		if check == nil {
			check = tx.StmtContext(ctx, s.stmts.clash)
		}
		if err := s.readClash(ctx, check, s.tail.rows[id].seq, key); err != nil {
			return fmt.Errorf("look up event %s in event_keys: %w", id, err)
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

// readClash adds to s.clashes the appended event seq, of key key, if
// event_keys lists an event of its id.
func (s *Store) readClash(ctx context.Context, check *sql.Stmt, seq, key int64) error {
	rows, err := check.QueryContext(ctx, seq, key)
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

// syncFilter brings s.ids up to event_keys within tx, after the tail's
// sync: built from event_keys the first time, then from the events other
// writers indexed since.
func (s *Store) syncFilter(ctx context.Context, tx *sql.Tx) error {
	if s.ids != nil && s.idsUpto == s.tail.upto {
		return nil
	}
	var err error
	if s.ids == nil {
		s.ids = &idFilter{}
		err = s.addKeys(ctx, tx)
	} else {
		err = s.addIDsBetween(ctx, tx, s.idsUpto, s.tail.upto)
	}
	if err != nil {
		s.ids = nil
		return fmt.Errorf("read event_keys: %w", err)
	}
	s.idsUpto = s.tail.upto
	return nil
}

// addKeys adds every key of event_keys to s.ids.
func (s *Store) addKeys(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.StmtContext(ctx, s.stmts.allKeys).QueryContext(ctx)
	if err != nil {
		return err
	}
	defer rows.Close()
	var key int64
	for rows.Next() {
		if err := rows.Scan(&key); err != nil {
			return err
		}
		s.ids.add(uint64(key))
	}
	return rows.Err()
}

// addIDsBetween adds to s.ids the keys of the events after seq from up to
// seq to.
func (s *Store) addIDsBetween(ctx context.Context, tx *sql.Tx, from, to int64) error {
	return s.keysBetween(ctx, tx, from, to, func(e keyedSeq) { s.ids.add(uint64(e.key)) })
}

// keysBetween calls each with the key and seq of every event after seq
// from up to seq to.
func (s *Store) keysBetween(ctx context.Context, tx *sql.Tx, from, to int64, each func(keyedSeq)) error {
	rows, err := tx.StmtContext(ctx, s.stmts.idsBetween).QueryContext(ctx, from, to)
	if err != nil {
		return err
	}
	defer rows.Close()
	var seq int64
	var id sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&seq, &id); err != nil {
			return err
		}
		each(keyedSeq{key: eventKey(id), seq: seq})
	}
	return rows.Err()
}
