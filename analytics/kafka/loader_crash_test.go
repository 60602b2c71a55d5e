package kafka

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestLoaderCrashMidBatch: the sink writes the third batch but the loader
// dies before the insert returns. Nothing of that batch is committed, so a
// new loader in the same group loads it again: some events reach the sink
// twice, every event counts once, none is missing.
func TestLoaderCrashMidBatch(t *testing.T) {
	const n, batch = 3000, 500
	_, cfg, pub := setup(t, 1, 3, func(c *Config) { c.BatchSize = batch; c.BatchWait = 200 * time.Millisecond })
	records, ids := testEvents(t, "c", n)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	deliverAll(ctx, t, pub, records, 1000)

	sink := newRecordingSink()
	crashed := make(chan struct{})
	sink.before = func(ctx context.Context, call int) (bool, error) {
		if call != 3 {
			return true, nil
		}
		close(crashed)
		<-ctx.Done() // hangs until the process "dies"
		return true, ctx.Err()
	}
	first, err := NewLoader(cfg, sink)
	if err != nil {
		t.Fatal(err)
	}
	stopFirst := runLoader(t, first)
	select {
	case <-crashed:
	case <-ctx.Done():
		t.Fatal("the third insert never came")
	}
	if err := stopFirst(); err != nil {
		t.Fatalf("first loader run: %v", err)
	}
	if st := first.Stats(); st.Batches != 2 {
		t.Fatalf("first loader stats = %+v, want exactly 2 batches inserted", st)
	}
	sink.before = nil // only touched by the stopped loader until now

	second, err := NewLoader(cfg, sink)
	if err != nil {
		t.Fatal(err)
	}
	stopSecond := runLoader(t, second)
	waitFor(t, 20*time.Second, "all events in the sink", func() bool { return sink.Distinct() == n })
	if err := stopSecond(); err != nil {
		t.Fatalf("second loader run: %v", err)
	}
	if missing := sink.Missing(ids); len(missing) > 0 {
		t.Fatalf("%d events missing", len(missing))
	}
	if sink.Rows() <= n {
		t.Errorf("sink stored %d rows for %d events: the uncommitted batch should have come again", sink.Rows(), n)
	}
	if got := second.Stats().Consumed; got >= n {
		t.Errorf("second loader consumed %d records: the 2 committed batches should not come again", got)
	}
}

// TestLoaderRetriesInsert: a failing sink holds the batch back (no commit,
// no skipping) until an insert succeeds.
func TestLoaderRetriesInsert(t *testing.T) {
	const n = 200
	_, cfg, pub := setup(t, 1, 1, nil)
	records, ids := testEvents(t, "i", n)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	deliverAll(ctx, t, pub, records, n)

	sink := newRecordingSink()
	sink.before = func(_ context.Context, call int) (bool, error) {
		if call <= 2 {
			return false, errors.New("store unavailable")
		}
		return true, nil
	}
	loader, err := NewLoader(cfg, sink)
	if err != nil {
		t.Fatal(err)
	}
	stop := runLoader(t, loader)
	waitFor(t, 20*time.Second, "all events in the sink", func() bool { return sink.Distinct() == n })
	if err := stop(); err != nil {
		t.Fatalf("loader run: %v", err)
	}
	if missing := sink.Missing(ids); len(missing) > 0 {
		t.Fatalf("%d events missing", len(missing))
	}
	if st := loader.Stats(); st.InsertErrors != 2 || st.Inserted != n {
		t.Errorf("loader stats = %+v, want 2 insert errors and %d inserted", st, n)
	}
}
