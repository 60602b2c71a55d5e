package kafka

import (
	"context"
	"testing"
	"time"
)

// BenchmarkDeliverThroughLoader measures events per second from Deliver,
// through an in-process broker, through a Loader into a sink that keeps
// nothing. One goroutine delivers batches of 1000, as the spool drains.
func BenchmarkDeliverThroughLoader(b *testing.B) {
	const batch = 1000
	_, cfg, pub := setup(b, 1, 6, func(c *Config) { c.BatchSize = 5000; c.BatchWait = 20 * time.Millisecond })
	records, _ := testEvents(b, "b", 20*batch)
	size := 0
	for _, r := range records {
		size += len(r)
	}
	sink := &countingSink{}
	loader, err := NewLoader(cfg, sink)
	if err != nil {
		b.Fatal(err)
	}
	stop := runLoader(b, loader)
	ctx := context.Background()

	b.SetBytes(int64(size / len(records)))
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i += batch {
		off := i % len(records)
		if err := pub.Deliver(ctx, records[off:off+min(batch, b.N-i)]); err != nil {
			b.Fatal(err)
		}
	}
	waitFor(b, time.Minute, "all events loaded", func() bool { return sink.n.Load() >= int64(b.N) })
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "events/s")
	if err := stop(); err != nil {
		b.Fatal(err)
	}
}
