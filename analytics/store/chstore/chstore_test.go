package chstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/store/storetest"
)

// dsnEnv names a ClickHouse the integration tests may create and drop
// databases in, e.g. clickhouse://127.0.0.1:9000/default.
const dsnEnv = "ADSTITCH_TEST_CLICKHOUSE_DSN"

// openTemp opens a migrated store in a new database, dropped at the end.
func openTemp(t *testing.T) *Store {
	t.Helper()
	dsn := os.Getenv(dsnEnv)
	if dsn == "" {
		t.Skip("ADSTITCH_TEST_CLICKHOUSE_DSN not set: no ClickHouse server on this machine")
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("%s: %v", dsnEnv, err)
	}
	var suffix [6]byte
	rand.Read(suffix[:])
	db := "adstitch_test_" + hex.EncodeToString(suffix[:])
	u.Path = "/" + db
	ctx := context.Background()
	st, err := Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.conn.Exec(context.Background(), "DROP DATABASE IF EXISTS "+db); err != nil {
			t.Error(err)
		}
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	})
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return openTemp(t) })
}

func TestMigrateTwice(t *testing.T) {
	st := openTemp(t)
	ctx := context.Background()
	if err := st.Migrate(ctx); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	var n uint64
	if err := st.conn.QueryRow(ctx, "SELECT count() FROM schema_migrations FINAL").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Fatalf("%d migrations recorded, want 2", n)
	}
}

// TestRetriedBatchDropped checks the deduplication token: a batch sent
// twice is stored once, in the raw table (before any merge) and in the
// rollup its materialized view feeds.
func TestRetriedBatchDropped(t *testing.T) {
	st := openTemp(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	var batch []analytics.Event
	for i, typ := range []analytics.EventType{analytics.AvailFilled, analytics.Impression, analytics.Start} {
		batch = append(batch, analytics.Event{ID: string(typ), Type: typ, Time: at.Add(time.Duration(i) * time.Second),
			Source: analytics.SourceServer, Session: "s", Campaign: "c", Variant: "va", City: "Madrid"})
	}
	for range 2 {
		if err := st.Insert(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	var rows, rolled uint64
	if err := st.conn.QueryRow(ctx, "SELECT count() FROM events").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if err := st.conn.QueryRow(ctx, "SELECT countMerge(event_count) FROM events_hourly").Scan(&rolled); err != nil {
		t.Fatal(err)
	}
	if rows != 3 || rolled != 3 {
		t.Fatalf("raw rows %d, rolled-up events %d; want 3 and 3", rows, rolled)
	}
}
