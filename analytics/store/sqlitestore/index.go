package sqlitestore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// keyedSeq is an entry of event_keys.
type keyedSeq struct{ key, seq int64 }

// indexTail adds the tail to event_keys in one sorted pass. Inserted a
// batch at a time, random keys would dirty about one page of the index
// per event; tens of thousands at a time, many share a page. The keys are
// those of the events table's rows after upto, the tail's mirror aside.
func (s *Store) indexTail(ctx context.Context, tx *sql.Tx) error {
	entries := s.keys[:0]
	err := s.keysBetween(ctx, tx, s.tail.upto, s.tail.lastSeq, func(e keyedSeq) { entries = append(entries, e) })
	if err != nil {
		return fmt.Errorf("index the ids of %d events: %w", len(s.tail.rows), err)
	}
	slices.SortFunc(entries, func(a, b keyedSeq) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.seq, b.seq))
	})
	err = s.execChunks(ctx, tx, len(entries), indexRowsPerStatement, s.stmts.indexFull, indexSQL, func(args []any, from, to int) []any {
		for _, e := range entries[from:to] {
			args = append(args, e.key, e.seq)
		}
		return args
	})
	if err != nil {
		return fmt.Errorf("index the ids of %d events: %w", len(entries), err)
	}
	if _, err := tx.StmtContext(ctx, s.stmts.setUpto).ExecContext(ctx, s.tail.lastSeq); err != nil {
		return fmt.Errorf("index the ids of %d events: %w", len(entries), err)
	}
	for _, e := range entries {
		s.ids.add(uint64(e.key))
	}
	s.tail.indexed()
	s.idsUpto = s.tail.upto
	s.keys = entries[:0]
	return nil
}

// indexAt is the tail's length at which insert indexes it, for a store
// whose event_keys lists indexed ids.
func indexAt(minRows, share, indexed int) int {
	if share <= 0 {
		return minRows
	}
	return max(minRows, min(indexed/share, maxTailRows))
}
