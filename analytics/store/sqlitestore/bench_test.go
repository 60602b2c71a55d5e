package sqlitestore

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/adstitch/adstitch/analytics"
)

// BenchmarkInsert inserts batches of 1000 new events, the loader's batch
// size, into a file on disk (WAL, synchronous=FULL: one fsync per batch):
// "before" with the insert path of migrations 0001-0002 (one upsert per
// event into the indexed events table), "after" with Store.Insert.
// events/s counts wall time; cpu-ns/event (this process's CPU time) and
// written-B/event (bytes it passed to write calls) are steadier on a shared
// machine.
func BenchmarkInsert(b *testing.B) {
	ctx := context.Background()
	b.Run("before", func(b *testing.B) {
		db := openLegacy(b, filepath.Join(b.TempDir(), "events.db"))
		defer db.Close()
		benchInsert(b, func(batch []analytics.Event) error { return legacyInsert(ctx, db, batch) })
	})
	b.Run("after", func(b *testing.B) {
		st, err := Open(filepath.Join(b.TempDir(), "events.db"))
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		benchInsert(b, func(batch []analytics.Event) error { return st.Insert(ctx, batch) })
	})
}

func benchInsert(b *testing.B, insert func([]analytics.Event) error) {
	const size = 1000
	batch := benchBatch(size)
	b.ReportAllocs()
	start, measured := currentUsage()
	b.ResetTimer()
	for n := 0; b.Loop(); n++ {
		b.StopTimer()
		for i := range batch {
			// New events every batch, with ids as random as real ones.
			batch[i].ID = analytics.EventID(strconv.Itoa(n), "brk", i, "ad-1", analytics.Impression)
		}
		b.StartTimer()
		if err := insert(batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*size)/b.Elapsed().Seconds(), "events/s")
	if end, ok := currentUsage(); ok && measured {
		events := float64(b.N * size)
		b.ReportMetric(float64((end.cpu-start.cpu).Nanoseconds())/events, "cpu-ns/event")
		b.ReportMetric(float64(end.written-start.written)/events, "written-B/event")
	}
}

// BenchmarkInsertGrowing inserts 2M new events, in batches of 1000, into
// one store, and reports the cost per event of the last 500k: what an
// event costs once the database has grown, with the tail indexed at a
// fixed length ("fixed", as before indexShare) and in proportion to
// event_keys ("proportional", Open's default). Run it with -benchtime 1x.
func BenchmarkInsertGrowing(b *testing.B) {
	const total, last, size = 2_000_000, 500_000, 1000
	for _, bc := range []struct {
		name  string
		share int
	}{{"fixed", 0}, {"proportional", defaultIndexShare}} {
		b.Run(bc.name, func(b *testing.B) {
			ctx := context.Background()
			for b.Loop() {
				b.StopTimer()
				st, err := Open(filepath.Join(b.TempDir(), "events.db"))
				if err != nil {
					b.Fatal(err)
				}
				st.indexShare = bc.share
				batch := benchBatch(size)
				var from usage
				var measured bool
				b.StartTimer()
				for n := range total / size {
					if n == (total-last)/size {
						from, measured = currentUsage()
					}
					for i := range batch {
						batch[i].ID = analytics.EventID(strconv.Itoa(n), "brk", i, "ad-1", analytics.Impression)
					}
					if err := st.Insert(ctx, batch); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				if to, ok := currentUsage(); ok && measured {
					b.ReportMetric(float64((to.cpu-from.cpu).Nanoseconds())/last, "last-cpu-ns/event")
					b.ReportMetric(float64(to.written-from.written)/last, "last-written-B/event")
				}
				st.Close()
				b.StartTimer() // b.Loop wants it running
			}
		})
	}
}

// benchBatch is size events of one ad break, ids left for the caller.
func benchBatch(size int) []analytics.Event {
	at := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	batch := make([]analytics.Event, size)
	for i := range batch {
		batch[i] = analytics.Event{Type: analytics.Impression, Time: at.Add(time.Duration(i) * time.Millisecond),
			Source: analytics.SourceServer, Session: "0123456789abcdef0123456789abcdef", Viewer: "fedcba9876543210",
			Stream: "news", Avail: "brk-42", Position: i % 4, Ad: "ad-1", Advertiser: "acme", Campaign: "c1",
			Creative: "cr-1", Variant: "va", Country: "ES", Region: "MD", City: "Madrid", LocalHour: 10,
			Daypart: "morning", Interests: []string{"sports", "news"}, Device: "tv", UTCOffset: 60}
	}
	return batch
}
