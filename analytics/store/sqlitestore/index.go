package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
)

// indexTail adds the tail to event_ids in one sorted pass. Inserted a
// batch at a time, random ids would dirty about one page of the index per
// event; tens of thousands at a time, many share a page.
func (s *Store) indexTail(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.StmtContext(ctx, s.stmts.index).ExecContext(ctx, s.tail.upto); err != nil {
		return fmt.Errorf("index the ids of %d events: %w", len(s.tail.rows), err)
	}
	if _, err := tx.StmtContext(ctx, s.stmts.setUpto).ExecContext(ctx, s.tail.lastSeq); err != nil {
		return fmt.Errorf("index the ids of %d events: %w", len(s.tail.rows), err)
	}
	for id := range s.tail.rows {
		s.ids.add(s.ids.hash(id))
	}
	s.tail.indexed()
	s.idsUpto = s.tail.upto
	return nil
}

// indexAt is the tail's length at which insert indexes it, for a store
// whose event_ids lists indexed ids.
func indexAt(minRows, share, indexed int) int {
	if share <= 0 {
		return minRows
	}
	return max(minRows, min(indexed/share, maxTailRows))
}
