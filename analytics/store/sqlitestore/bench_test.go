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
// size, into a file on disk (WAL, synchronous=FULL: one fsync per batch).
func BenchmarkInsert(b *testing.B) {
	st, err := Open(filepath.Join(b.TempDir(), "events.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	const size = 1000
	at := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	batch := make([]analytics.Event, size)
	for i := range batch {
		batch[i] = analytics.Event{Type: analytics.Impression, Time: at.Add(time.Duration(i) * time.Millisecond),
			Source: analytics.SourceServer, Session: "0123456789abcdef0123456789abcdef", Viewer: "fedcba9876543210",
			Stream: "news", Avail: "brk-42", Position: i % 4, Ad: "ad-1", Advertiser: "acme", Campaign: "c1",
			Creative: "cr-1", Variant: "va", Country: "ES", Region: "MD", City: "Madrid", LocalHour: 10,
			Daypart: "morning", Interests: []string{"sports", "news"}, Device: "tv", UTCOffset: 60}
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for n := 0; b.Loop(); n++ {
		b.StopTimer()
		for i := range batch {
			// New events every batch, with ids as random as real ones.
			batch[i].ID = analytics.EventID(strconv.Itoa(n), "brk", i, "ad-1", analytics.Impression)
		}
		b.StartTimer()
		if err := st.Insert(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*size)/b.Elapsed().Seconds(), "events/s")
}
