package sqlitestore

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/configs/migrate"

	"github.com/adstitch/adstitch/analytics/store/storetest"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	st, err := Open(filepath.Join(t.TempDir(), "events.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	})
	return st
}

// TestStore runs the shared cases with the tail indexed after every batch
// too, and once it holds half as many ids as event_keys, so that copies of
// an event meet in event_keys as well as in the tail.
func TestStore(t *testing.T) {
	for _, tc := range []struct {
		name             string
		indexRows, share int
	}{
		{"index after " + strconv.Itoa(defaultIndexRows), defaultIndexRows, 0},
		{"index after 1", 1, 0},
		{"index after half the indexed", 1, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			storetest.Run(t, func(t *testing.T) storetest.Store {
				st := openTemp(t)
				st.indexRows, st.indexShare = tc.indexRows, tc.share
				return st
			})
		})
	}
}

func TestIndexAt(t *testing.T) {
	for _, tc := range []struct {
		minRows, share, indexed, want int
	}{
		{minRows: 32768, share: 0, indexed: 10_000_000, want: 32768},
		{minRows: 32768, share: 8, indexed: 0, want: 32768},
		{minRows: 32768, share: 8, indexed: 1_000_000, want: 125_000},
		{minRows: 32768, share: 8, indexed: 100_000_000, want: maxTailRows},
		{minRows: 1, share: 2, indexed: 7, want: 3},
	} {
		if got := indexAt(tc.minRows, tc.share, tc.indexed); got != tc.want {
			t.Errorf("indexAt(%d, %d, %d) = %d, want %d", tc.minRows, tc.share, tc.indexed, got, tc.want)
		}
	}
}

func TestOpenMigratesOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.db")
	for range 2 {
		st, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := st.db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 4 {
			t.Fatalf("%d migrations recorded, want 4", n)
		}
		var mode string
		if err := st.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Fatalf("journal_mode %q, %v; want wal", mode, err)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.db")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.Exec(`INSERT INTO schema_migrations VALUES (99, '0099_future.sql', '')`); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := Open(path); !errors.Is(err, migrate.ErrUnknownMigration) {
		t.Fatalf("open: %v, want ErrUnknownMigration", err)
	}
}

func TestOpenBadPath(t *testing.T) {
	for _, path := range []string{"", "a?b.db", filepath.Join(t.TempDir(), "missing", "dir", "events.db")} {
		if st, err := Open(path); err == nil {
			st.Close()
			t.Errorf("Open(%q) succeeded", path)
		}
	}
}

func TestMemory(t *testing.T) {
	st, err := Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	e := analytics.Event{ID: "i", Type: analytics.Impression, Time: time.Now(), Campaign: "c", Session: "s"}
	if err := st.Insert(ctx, []analytics.Event{e}); err != nil {
		t.Fatal(err)
	}
	r, err := st.CampaignReport(ctx, analytics.ReportQuery{Campaign: "c", From: e.Time.Add(-time.Hour), To: e.Time.Add(time.Hour)})
	if err != nil || r.Rows[0].Impressions != 1 {
		t.Fatalf("report %+v, %v", r, err)
	}
}

// TestRollupView checks events_hourly, the rollup dashboards read, over
// deduplicated events.
func TestRollupView(t *testing.T) {
	st := openTemp(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 21, 9, 59, 0, 0, time.UTC)
	imp := func(id, viewer, session string, src analytics.Source, d time.Duration) analytics.Event {
		return analytics.Event{ID: id, Type: analytics.Impression, Time: at.Add(d), Source: src, Session: session,
			Viewer: viewer, Campaign: "c", Variant: "va", City: "Madrid"}
	}
	batch := []analytics.Event{
		imp("1", "v1", "s1", analytics.SourceServer, 0),
		imp("1", "v1", "s1", analytics.SourceClient, 2*time.Minute), // duplicate: counted at 09:00
		imp("2", "", "s2", analytics.SourceServer, time.Second),
		imp("3", "", "s2", analytics.SourceServer, 2*time.Second), // same anonymous session
		imp("4", "v1", "s3", analytics.SourceServer, time.Hour),
	}
	if err := st.Insert(ctx, batch); err != nil {
		t.Fatal(err)
	}
	rows, err := st.db.Query(`SELECT hour, event_count, unique_viewers FROM events_hourly
		WHERE campaign = 'c' AND variant = 'va' AND city = 'Madrid' AND type = 'impression' ORDER BY hour`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var hour string
		var n, viewers int
		if err := rows.Scan(&hour, &n, &viewers); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s %d %d", hour, n, viewers))
	}
	want := []string{"2026-11-21T09:00:00Z 3 2", "2026-11-21T10:00:00Z 1 1"}
	if !slices.Equal(got, want) {
		t.Fatalf("rollup %q, want %q", got, want)
	}
}

// TestConcurrentWriters checks that writers queue on the busy timeout
// instead of failing with SQLITE_BUSY, from one Store and from two.
func TestConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	const writers, batches, size = 4, 10, 50
	errs := make(chan error, writers)
	for w := range writers {
		st := []*Store{a, b}[w%2]
		go func() {
			for i := range batches {
				batch := make([]analytics.Event, size)
				for j := range batch {
					batch[j] = analytics.Event{ID: fmt.Sprintf("%d-%d-%d", w, i, j), Type: analytics.Impression,
						Time: time.Unix(1_800_000_000, 0), Campaign: "c", Session: fmt.Sprint(w)}
				}
				if err := st.Insert(ctx, batch); err != nil {
					errs <- err
					return
				}
				if _, err := st.CampaignReport(ctx, analytics.ReportQuery{Campaign: "c",
					From: time.Unix(0, 0), To: time.Unix(2_000_000_000, 0)}); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range writers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	r, err := a.CampaignReport(ctx, analytics.ReportQuery{Campaign: "c", From: time.Unix(0, 0), To: time.Unix(2_000_000_000, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Rows[0].Impressions; got != writers*batches*size {
		t.Fatalf("impressions %d, want %d", got, writers*batches*size)
	}
}

// TestInsertChunks checks batches around the statement size, with copies
// of one event in different statements of a batch and across batches.
func TestInsertChunks(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	q := analytics.ReportQuery{Campaign: "c", From: at, To: at.Add(time.Hour), GroupBy: []string{"hour"}}
	for _, n := range []int{1, appendRows - 1, appendRows, appendRows + 1, 2*appendRows + 7} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			st := openTemp(t)
			batch := make([]analytics.Event, n)
			for i := range batch {
				batch[i] = analytics.Event{ID: strconv.Itoa(i), Type: analytics.Impression, Time: at.Add(time.Duration(i) * time.Second),
					Source: analytics.SourceServer, Campaign: "c", Session: "s" + strconv.Itoa(i%3)}
			}
			// The client's copy of the first event, later and last in the batch.
			dup := batch[0]
			dup.Source, dup.Time = analytics.SourceClient, at.Add(2*time.Hour)
			batch = append(batch, dup)
			for range 2 {
				if err := st.Insert(ctx, batch); err != nil {
					t.Fatal(err)
				}
			}
			r, err := st.CampaignReport(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Rows) != 1 || r.Rows[0].Impressions != int64(n) || r.Rows[0].UniqueViewers != int64(min(n, 3)) {
				t.Fatalf("rows %+v, want one hour with %d impressions by %d viewers", r.Rows, n, min(n, 3))
			}
		})
	}
}
