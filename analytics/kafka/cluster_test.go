package kafka

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/kafka/kafkatest"
)

// testConfig is a Config for tc with a short batch window.
func testConfig(t testing.TB, tc *kafkatest.Cluster) Config {
	return Config{
		Brokers:   tc.Brokers,
		BatchSize: 1000,
		BatchWait: 50 * time.Millisecond,
		Logger:    testLogger(t),
	}
}

func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// testEvents returns n valid events with distinct ids over a few sessions,
// as JSON records, and their ids.
func testEvents(t testing.TB, prefix string, n int) (records [][]byte, ids []string) {
	t.Helper()
	base := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	types := []analytics.EventType{analytics.Impression, analytics.Start, analytics.FirstQuartile,
		analytics.Midpoint, analytics.ThirdQuartile, analytics.Complete}
	for i := range n {
		session := fmt.Sprintf("%s-s%04d", prefix, i/len(types)/4)
		avail := fmt.Sprintf("avail-%d", i/len(types)%4)
		typ := types[i%len(types)]
		e := analytics.Event{
			ID:       analytics.EventID(session, avail, 0, "ad-1", typ),
			Type:     typ,
			Time:     base.Add(time.Duration(i) * time.Millisecond),
			Source:   analytics.SourceServer,
			Session:  session,
			Stream:   "news",
			Avail:    avail,
			Ad:       "ad-1",
			Campaign: "camp-1",
			City:     "Madrid",
			Device:   "desktop",
		}
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		records = append(records, b)
		ids = append(ids, e.ID)
	}
	return records, ids
}

// deliverAll delivers records in batches the way the spool drains:
// a batch that fails is retried until it succeeds or ctx ends.
func deliverAll(ctx context.Context, t testing.TB, pub *Publisher, records [][]byte, batch int) {
	t.Helper()
	for start := 0; start < len(records); start += batch {
		end := min(start+batch, len(records))
		for {
			err := pub.Deliver(ctx, records[start:end])
			if err == nil {
				break
			}
			if ctx.Err() != nil {
				t.Fatalf("deliver records %d-%d: %v", start, end, err)
			}
			t.Logf("deliver records %d-%d failed, retrying: %v", start, end, err)
			time.Sleep(50 * time.Millisecond)
		}
	}
}

// runLoader starts l and returns a stop func that cancels it and returns
// Run's error.
func runLoader(t testing.TB, l *Loader) (stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.Run(ctx) }()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(30 * time.Second):
				err = fmt.Errorf("loader did not stop within 30s")
			}
		})
		return err
	}
	t.Cleanup(func() { _ = stop() })
	return stop
}

// waitFor polls cond until it holds or timeout passes.
func waitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// setup starts a cluster of n brokers with the topic created and a publisher.
func setup(t testing.TB, brokers, partitions int, mutate func(*Config)) (*kafkatest.Cluster, Config, *Publisher) {
	t.Helper()
	tc := kafkatest.NewCluster(t, brokers)
	cfg := testConfig(t, tc)
	if mutate != nil {
		mutate(&cfg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := EnsureTopic(ctx, cfg, partitions); err != nil {
		t.Fatalf("ensure topic: %v", err)
	}
	pub, err := NewPublisher(cfg)
	if err != nil {
		t.Fatalf("new publisher: %v", err)
	}
	t.Cleanup(func() { pub.Close() })
	return tc, cfg, pub
}
