package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/analytics"
)

// randomBatches are batches of events drawn from a small pool of ids, so
// that copies of an event (other source, time and fields) meet in one
// batch, in the tail and in event_keys.
func randomBatches(seed uint64, n, ids int) [][]analytics.Event {
	rng := rand.New(rand.NewPCG(seed, 1))
	at := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	pick := func(s ...string) string { return s[rng.IntN(len(s))] }
	out := make([][]analytics.Event, n)
	for b := range out {
		batch := make([]analytics.Event, 1+rng.IntN(80))
		for i := range batch {
			src := analytics.SourceServer
			if rng.IntN(2) == 0 {
				src = analytics.SourceClient
			}
			batch[i] = analytics.Event{ID: "id-" + strconv.Itoa(rng.IntN(ids)), Type: analytics.Impression,
				// Few distinct times, so copies often tie on version.
				Time: at.Add(time.Duration(rng.IntN(8)) * 17 * time.Minute), Source: src,
				Session: "s" + strconv.Itoa(rng.IntN(50)), Campaign: pick("c1", "c2"), City: pick("Madrid", "Lyon"),
				Variant: pick("va", "vb"), Interests: []string{pick("news", `sp"orts`, "<b>")},
				LocalHour: rng.IntN(24), UTCOffset: int16(rng.IntN(120) - 60), Reason: strconv.Itoa(b)}
		}
		out[b] = batch
	}
	return out
}

// dump is every stored event, in event id order, as text.
func dump(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query("SELECT " + columnList + " FROM events ORDER BY event_id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	vals := make([]any, len(columns))
	ptrs := make([]any, len(columns))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkIndex checks event_keys: exactly the events up to event_keys_state.upto,
// and every event id stored once.
func checkIndex(t *testing.T, db *sql.DB) {
	t.Helper()
	var dupIDs, missing, extra int
	err := db.QueryRow(`SELECT
		(SELECT count(*) - count(DISTINCT event_id) FROM events),
		(SELECT count(*) FROM events e WHERE e.seq <= (SELECT upto FROM event_keys_state)
			AND NOT EXISTS (SELECT 1 FROM event_keys k WHERE k.key = `+eventKeySQL+`(e.event_id) AND k.seq = e.seq)),
		(SELECT count(*) FROM event_keys k WHERE k.seq > (SELECT upto FROM event_keys_state)
			OR NOT EXISTS (SELECT 1 FROM events e WHERE e.seq = k.seq AND `+eventKeySQL+`(e.event_id) = k.key))`).
		Scan(&dupIDs, &missing, &extra)
	if err != nil {
		t.Fatal(err)
	}
	if dupIDs+missing+extra != 0 {
		t.Fatalf("%d duplicated event ids, %d events missing from event_keys, %d entries extra", dupIDs, missing, extra)
	}
}

// TestInsertMatchesLegacy inserts the same batches into the store and into
// the former one (one upsert per event into an event_id primary key): both
// must keep the same copy of every event, whether its copies meet in a
// batch, in the tail or in event_keys, and with one writer or several.
func TestInsertMatchesLegacy(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name               string
		indexRows, writers int
		retry              bool
	}{
		{"tail only", defaultIndexRows, 1, false},
		{"indexed every batch", 1, 1, false},
		{"indexed every few batches", 100, 1, false},
		{"two writers", 60, 2, false},
		{"three writers, batches retried", 30, 3, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			legacy := openLegacy(t, filepath.Join(dir, "legacy.db"))
			defer legacy.Close()
			var stores []*Store
			for range tc.writers {
				st, err := Open(filepath.Join(dir, "events.db"))
				if err != nil {
					t.Fatal(err)
				}
				defer st.Close()
				st.indexRows, st.indexShare = tc.indexRows, 0
				stores = append(stores, st)
			}
			for i, b := range randomBatches(uint64(len(tc.name)), 40, 300) {
				if err := legacyInsert(ctx, legacy, b); err != nil {
					t.Fatal(err)
				}
				st := stores[i%len(stores)]
				if err := st.Insert(ctx, b); err != nil {
					t.Fatalf("batch %d: %v", i, err)
				}
				if tc.retry {
					if err := stores[(i+1)%len(stores)].Insert(ctx, b); err != nil {
						t.Fatalf("batch %d again: %v", i, err)
					}
				}
			}
			want, got := dump(t, legacy), dump(t, stores[0].db)
			if !slices.Equal(got, want) {
				t.Fatalf("stored %d events, want %d; first difference:\n%s", len(got), len(want), firstDiff(got, want))
			}
			checkIndex(t, stores[0].db)
		})
	}
}

func firstDiff(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return " got " + got[i] + "\nwant " + want[i]
		}
	}
	return fmt.Sprintf("%d vs %d rows", len(got), len(want))
}

// TestInsertRollsBack makes an insert fail after it appended and
// replaced events: nothing of it stays, and the next inserts (which must
// not trust the in-memory tail) give what they would have without it.
func TestInsertRollsBack(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	legacy := openLegacy(t, filepath.Join(dir, "legacy.db"))
	defer legacy.Close()
	st, err := Open(filepath.Join(dir, "events.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.indexRows, st.indexShare = 100, 0
	if _, err := st.db.Exec(`CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.event_id = 'poison'
		BEGIN SELECT RAISE(ABORT, 'poisoned'); END`); err != nil {
		t.Fatal(err)
	}
	batches := randomBatches(7, 25, 200)
	for i, b := range batches {
		if i%5 == 4 {
			poisoned := append(slices.Clone(b), b[0])
			poisoned[len(poisoned)-1].ID = "poison"
			before := dump(t, st.db)
			if err := st.Insert(ctx, poisoned); err == nil || !strings.Contains(err.Error(), "poisoned") {
				t.Fatalf("batch %d: error %v, want poisoned", i, err)
			}
			if after := dump(t, st.db); !slices.Equal(after, before) {
				t.Fatalf("batch %d: a failed insert changed the store", i)
			}
		}
		if err := legacyInsert(ctx, legacy, b); err != nil {
			t.Fatal(err)
		}
		if err := st.Insert(ctx, b); err != nil {
			t.Fatalf("batch %d: %v", i, err)
		}
	}
	if got, want := dump(t, st.db), dump(t, legacy); !slices.Equal(got, want) {
		t.Fatalf("first difference:\n%s", firstDiff(got, want))
	}
	checkIndex(t, st.db)
}
