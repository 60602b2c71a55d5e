package spool

import (
	"bytes"
	"context"
	"testing"
	"time"
)

// BenchmarkAppendParallel is the throughput target: ~400-byte records from
// 64 goroutines on a 2-core machine, fsync real, group commit sharing it.
func BenchmarkAppendParallel(b *testing.B) {
	s := openTest(b, Options{MaxBytes: 1 << 40})
	rec := bytes.Repeat([]byte{'e'}, 400)
	b.SetBytes(int64(len(rec)))
	b.ReportAllocs()
	b.SetParallelism(max(1, 64/testingProcs()))
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := s.Append(rec); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "appends/s")
}

// BenchmarkAppendSerial is one appender alone: every Append pays an fsync
// (and no window: nobody else is on the way).
func BenchmarkAppendSerial(b *testing.B) {
	for _, c := range []struct {
		name   string
		window time.Duration
	}{{"no-window", -1}, {"window-2ms", DefaultSyncInterval}} {
		b.Run(c.name, func(b *testing.B) {
			s := openTest(b, Options{MaxBytes: 1 << 40, SyncInterval: c.window})
			rec := bytes.Repeat([]byte{'e'}, 400)
			b.ReportAllocs()
			for b.Loop() {
				if err := s.Append(rec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReadCommit reads and commits batches of 1000 400-byte records:
// the consumer side of the log (a Commit is two fsyncs).
func BenchmarkReadCommit(b *testing.B) {
	s := openTest(b, Options{MaxBytes: 1 << 40, SegmentBytes: 8 << 20})
	rec := bytes.Repeat([]byte{'e'}, 400)
	batch := make([][]byte, 1000)
	for i := range batch {
		batch[i] = rec
	}
	b.SetBytes(int64(len(rec) * len(batch)))
	b.ReportAllocs()
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		if err := s.AppendBatch(batch); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		bt, err := s.Read(ctx, len(batch), 0)
		if err != nil || len(bt.Records) != len(batch) {
			b.Fatalf("Read = %d records, %v", len(bt.Records), err)
		}
		if err := s.Commit(bt); err != nil {
			b.Fatal(err)
		}
	}
}
