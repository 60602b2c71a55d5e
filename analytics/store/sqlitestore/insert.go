package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/store"
)

// columns of events in the order appendEventArgs gives them.
var columns = []string{"event_id", "type", "time", "source", "session", "viewer", "stream", "avail",
	"position", "ad", "advertiser", "campaign", "creative", "variant", "country", "region", "city",
	"local_hour", "daypart", "interests", "device", "utc_offset", "reason", "version"}

// rowsPerStatement events go into one INSERT: a statement per event costs
// more in the driver than SQLite spends storing it. 50 rows × 24 columns
// stays far below SQLite's 32766 parameters.
const rowsPerStatement = 50

var fullUpsertSQL = upsertSQL(rowsPerStatement)

// upsertSQL inserts rows events, each replacing the stored copy of its id
// when it has a higher version and otherwise doing nothing. That is INSERT
// OR IGNORE with a deterministic winner: the same rows whatever the order
// copies arrive in.
func upsertSQL(rows int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO events (" + strings.Join(columns, ", ") + ") VALUES ")
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(columns)), ", ") + ")"
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	b.WriteString(" ON CONFLICT (event_id) DO UPDATE SET ")
	for i, c := range columns[1:] {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c + " = excluded." + c)
	}
	b.WriteString(" WHERE excluded.version > events.version")
	return b.String()
}

// Insert stores a batch in one transaction: all of it or, on error, none.
// A batch with an invalid event is rejected before anything is written.
func (s *Store) Insert(ctx context.Context, batch []analytics.Event) error {
	if len(batch) == 0 {
		return nil
	}
	if err := store.ValidateBatch(batch); err != nil {
		return fmt.Errorf("sqlite insert: %w", err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite insert: begin: %w", err)
	}
	defer tx.Rollback()
	var full *sql.Stmt
	if len(batch) >= rowsPerStatement {
		if full, err = tx.PrepareContext(ctx, fullUpsertSQL); err != nil {
			return fmt.Errorf("sqlite insert: prepare: %w", err)
		}
		defer full.Close()
	}
	args := make([]any, 0, min(len(batch), rowsPerStatement)*len(columns))
	for start := 0; start < len(batch); start += rowsPerStatement {
		chunk := batch[start:min(start+rowsPerStatement, len(batch))]
		args = args[:0]
		for i := range chunk {
			args = appendEventArgs(args, &chunk[i])
		}
		if len(chunk) == rowsPerStatement {
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, upsertSQL(len(chunk)), args...)
		}
		if err != nil {
			return fmt.Errorf("sqlite insert: events %d-%d: %w", start, start+len(chunk)-1, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite insert: commit %d events: %w", len(batch), err)
	}
	return nil
}

// appendEventArgs appends e's column values, in columns order.
func appendEventArgs(args []any, e *analytics.Event) []any {
	return append(args, e.ID, string(e.Type), store.Millis(e.Time), string(e.Source),
		e.Session, e.Viewer, e.Stream, e.Avail,
		int64(e.Position), e.Ad, e.Advertiser, e.Campaign,
		e.Creative, e.Variant, e.Country, e.Region,
		e.City, int64(e.LocalHour), e.Daypart, interestsJSON(e.Interests),
		e.Device, int64(e.UTCOffset), e.Reason, store.Version(e))
}

// interestsJSON is interests as a JSON array of strings.
func interestsJSON(interests []string) string {
	if len(interests) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(interests) // a []string always marshals
	return string(b)
}
