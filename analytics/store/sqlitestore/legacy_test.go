package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/store"
	"github.com/adstitch/adstitch/configs"
	"github.com/adstitch/adstitch/configs/migrate"
)

// The store before migration 0003 (one upsert per event into events, keyed
// by event_id), kept to build databases of that schema for the migration
// test, as the model the new insert path must agree with, and to benchmark
// against.

// legacyPragmas are the former connection settings.
const legacyPragmas = "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
	"&_pragma=temp_store(MEMORY)&_pragma=cache_size(-65536)&_pragma=wal_autocheckpoint(10000)&_txlock=immediate"

// openLegacy opens path with the schema of migrations 0001 and 0002 only.
func openLegacy(t testing.TB, path string) *sql.DB {
	t.Helper()
	old := fstest.MapFS{}
	for _, name := range []string{"0001_events.sql", "0002_rollups.sql"} {
		body, err := fs.ReadFile(configs.SQL, "sql/sqlite/"+name)
		if err != nil {
			t.Fatal(err)
		}
		old["sql/sqlite/"+name] = &fstest.MapFile{Data: body}
	}
	db, err := migrate.OpenSQLite(path, legacyPragmas, old, "sql/sqlite")
	if err != nil {
		t.Fatal(err)
	}
	return db
}

const legacyRows = 50

// legacyUpsertSQL is the former insert: rows events into events, each
// replacing a stored copy with a lower version.
func legacyUpsertSQL(rows int) string {
	var b strings.Builder
	b.WriteString(valuesSQL("INSERT INTO events ("+columnList+")", len(columns), rows))
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

// legacyInsert is the former Store.Insert.
func legacyInsert(ctx context.Context, db *sql.DB, batch []analytics.Event) error {
	if err := store.ValidateBatch(batch); err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var full *sql.Stmt
	if len(batch) >= legacyRows {
		if full, err = tx.PrepareContext(ctx, legacyUpsertSQL(legacyRows)); err != nil {
			return err
		}
		defer full.Close()
	}
	args := make([]any, 0, min(len(batch), legacyRows)*len(columns))
	for start := 0; start < len(batch); start += legacyRows {
		chunk := batch[start:min(start+legacyRows, len(batch))]
		args = args[:0]
		for i := range chunk {
			args = appendEventArgs(args, &chunk[i], store.Version(&chunk[i]))
		}
		if len(chunk) == legacyRows {
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, legacyUpsertSQL(len(chunk)), args...)
		}
		if err != nil {
			return fmt.Errorf("events %d-%d: %w", start, start+len(chunk)-1, err)
		}
	}
	return tx.Commit()
}

// appendEventArgs is the former argument builder.
func appendEventArgs(args []any, e *analytics.Event, version int64) []any {
	return append(args, e.ID, string(e.Type), store.Millis(e.Time), string(e.Source),
		e.Session, e.Viewer, e.Stream, e.Avail,
		int64(e.Position), e.Ad, e.Advertiser, e.Campaign,
		e.Creative, e.Variant, e.Country, e.Region,
		e.City, int64(e.LocalHour), e.Daypart, interestsJSON(e.Interests),
		e.Device, int64(e.UTCOffset), e.Reason, version)
}

func interestsJSON(interests []string) string {
	if len(interests) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(interests)
	return string(b)
}
