//go:build !race

package sqlitestore

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/adstitch/adstitch/analytics"
)

// TestInsertAllocs bounds the allocations of inserting new events: the
// driver takes arguments as interfaces, and boxing an id, a session, a
// viewer and three large integers allocates; the rest is reused.
func TestInsertAllocs(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "events.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const runs, size = 10, 1000
	at := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	batches := make([][]analytics.Event, runs+1)
	for n := range batches {
		batches[n] = make([]analytics.Event, size)
		for i := range batches[n] {
			batches[n][i] = analytics.Event{ID: analytics.EventID(strconv.Itoa(n), "brk", i, "ad", analytics.Start),
				Type: analytics.Start, Time: at.Add(time.Duration(n*size+i) * time.Millisecond),
				Source: analytics.SourceClient, Session: "s" + strconv.Itoa(i%300), Campaign: "c" + strconv.Itoa(i%7),
				City: "Madrid", Interests: []string{"news"}}
		}
	}
	ctx := context.Background()
	n := 0
	perEvent := testing.AllocsPerRun(runs, func() {
		if err := st.Insert(ctx, batches[n]); err != nil {
			t.Fatal(err)
		}
		n++
	}) / size
	if perEvent > 6 {
		t.Fatalf("%.2f allocations per event, want at most 6", perEvent)
	}
	t.Logf("%.2f allocations per event", perEvent)
}
