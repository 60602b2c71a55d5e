package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
)

// execChunks runs a multi-row statement over rows n rows, per at a time:
// full, prepared for per rows, for whole chunks and sqlFor(k) for a last
// chunk of k. fill appends the arguments of rows [from, to) to args.
func (s *Store) execChunks(ctx context.Context, tx *sql.Tx, n, per int, full *sql.Stmt, sqlFor func(rows int) string,
	fill func(args []any, from, to int) []any) error {
	var inTx *sql.Stmt
	for from := 0; from < n; from += per {
		to := min(from+per, n)
		s.args = fill(s.args[:0], from, to)
		var err error
		if to-from == per {
			if inTx == nil {
				inTx = tx.StmtContext(ctx, full)
			}
			_, err = inTx.ExecContext(ctx, s.args...)
		} else {
			_, err = tx.ExecContext(ctx, sqlFor(to-from), s.args...)
		}
		if err != nil {
			return fmt.Errorf("rows %d-%d: %w", from, to-1, err)
		}
	}
	return nil
}
