package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/adstitch/adstitch/analytics"
)

// appendEvents appends the plan's new events to events, numbered after
// the highest seq, and adds them to the tail.
func (s *Store) appendEvents(ctx context.Context, tx *sql.Tx, batch []analytics.Event) error {
	p := &s.plan
	err := s.execChunks(ctx, tx, len(p.appends), appendRows, s.stmts.appendFull, appendSQL, func(args []any, from, to int) []any {
		for _, i := range p.appends[from:to] {
			seq := s.tail.lastSeq + 1
			s.tail.add(batch[i].ID, tailRow{seq: seq, version: p.versions[i]})
			args = append(args, seq)
			args = s.argb.appendEvent(args, &batch[i], p.versions[i])
		}
		return args
	})
	if err != nil {
		return fmt.Errorf("append events: %w", err)
	}
	return nil
}

// replaceTail overwrites tail events with the plan's higher versions.
func (s *Store) replaceTail(ctx context.Context, tx *sql.Tx, batch []analytics.Event) error {
	p := &s.plan
	if len(p.replaces) == 0 {
		return nil
	}
	replace := tx.StmtContext(ctx, s.stmts.replace)
	for _, i := range p.replaces {
		e, v := &batch[i], p.versions[i]
		row := s.tail.rows[e.ID]
		args := s.argb.appendEvent(s.args[:0], e, v)[1:] // all but event_id
		args = append(args, row.seq, v)
		s.args = args
		res, err := replace.ExecContext(ctx, args...)
		if err != nil {
			return fmt.Errorf("replace event %s: %w", e.ID, err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 1 {
			s.tail.rows[e.ID] = tailRow{seq: row.seq, version: v}
		}
	}
	return nil
}
