package kafka

import (
	"context"
	"maps"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/adstitch/adstitch/analytics/kafka/kafkatest"
)

// produceCodecs records the compression codec of every produced batch.
type produceCodecs struct {
	mu   sync.Mutex
	seen map[int16]bool
}

func (p *produceCodecs) observe(c *kafkatest.Cluster) func(kmsg.Request) (kmsg.Response, error, bool) {
	return func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.seen == nil {
			p.seen = make(map[int16]bool)
		}
		for _, topic := range req.(*kmsg.ProduceRequest).Topics {
			for _, part := range topic.Partitions {
				var batch kmsg.RecordBatch
				if err := batch.ReadFrom(part.Records); err == nil {
					p.seen[batch.Attributes&0x07] = true
				}
			}
		}
		return nil, nil, false // observe only: the broker handles the request
	}
}

func (p *produceCodecs) codecs() map[int16]bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return maps.Clone(p.seen)
}

// TestPipelineExactlyOnce publishes 20,000 events and loads them: every id
// arrives, none is counted twice.
func TestPipelineExactlyOnce(t *testing.T) {
	const n = 20000
	_, cfg, pub := setup(t, 1, 6, nil)
	records, ids := testEvents(t, "p", n)

	sink := newRecordingSink()
	loader, err := NewLoader(cfg, sink)
	if err != nil {
		t.Fatal(err)
	}
	stop := runLoader(t, loader)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	deliverAll(ctx, t, pub, records, 500)
	waitFor(t, 30*time.Second, "all events in the sink", func() bool { return sink.Distinct() == n })
	if err := stop(); err != nil {
		t.Fatalf("loader run: %v", err)
	}

	if missing := sink.Missing(ids); len(missing) > 0 {
		t.Fatalf("%d events missing, first %s", len(missing), missing[0])
	}
	ps := pub.Stats()
	if ps.Messages != n || ps.Batches != n/500 || ps.Errors != 0 || ps.Unkeyed != 0 {
		t.Errorf("publisher stats = %+v, want %d messages in %d batches, no errors", ps, n, n/500)
	}
	ls := loader.Stats()
	if ls.Consumed != n || ls.Inserted != n || ls.Malformed != 0 || ls.InsertErrors != 0 || ls.Batches == 0 {
		t.Errorf("loader stats = %+v, want %d consumed and inserted", ls, n)
	}
	if sink.Rows() != n {
		t.Errorf("sink stored %d rows, want %d (no redelivery without failures)", sink.Rows(), n)
	}
}

// TestCompressionRoundTrip loads events published with every codec.
func TestCompressionRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		codec string
		attr  int16 // the record batch's compression attribute on the wire
	}{{"snappy", 2}, {"lz4", 3}, {"zstd", 4}, {"gzip", 1}, {"none", 0}} {
		codec := tt.codec
		t.Run(codec, func(t *testing.T) {
			t.Parallel()
			const n = 500
			tc, cfg, pub := setup(t, 1, 2, func(c *Config) { c.Compression = codec })
			var seen produceCodecs
			tc.ControlKey(int16(kmsg.Produce), seen.observe(tc))
			records, ids := testEvents(t, codec, n)
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			deliverAll(ctx, t, pub, records, 100)

			sink := newRecordingSink()
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
			if got := seen.codecs(); len(got) != 1 || !got[tt.attr] {
				t.Errorf("record batches on the wire used codecs %v, want only %d", got, tt.attr)
			}
		})
	}
}

// TestMalformedRecordsSkipped: records that are not events are counted and
// skipped without blocking their partition, and their offsets are committed
// with the batch (a new member of the group does not see them again).
func TestMalformedRecordsSkipped(t *testing.T) {
	_, cfg, pub := setup(t, 1, 1, nil)
	good, ids := testEvents(t, "m", 50)
	bad := [][]byte{
		[]byte(`not json`),
		[]byte(`{"event_id":"x1","type":"impression"}`),                             // no time
		[]byte(`{"type":"impression","time":"2026-03-01T12:00:00Z","session":"s"}`), // no id
		[]byte(`{"event_id":"x2","type":"teleport","time":"2026-03-01T12:00:00Z"}`),
		[]byte(`{"event_id":"x3","type":"impression","time":"yesterday"}`),
		{},
	}
	// Bad records in the middle of the partition: the good ones after them must load.
	records := append(append(append([][]byte{}, good[:25]...), bad...), good[25:]...)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	deliverAll(ctx, t, pub, records, len(records))

	sink := newRecordingSink()
	loader, err := NewLoader(cfg, sink)
	if err != nil {
		t.Fatal(err)
	}
	stop := runLoader(t, loader)
	waitFor(t, 20*time.Second, "good events loaded and bad ones counted", func() bool {
		return sink.Distinct() == len(good) && loader.Stats().Malformed == int64(len(bad))
	})
	if err := stop(); err != nil {
		t.Fatalf("loader run: %v", err)
	}
	if missing := sink.Missing(ids); len(missing) > 0 {
		t.Fatalf("%d events missing", len(missing))
	}
	// Only the record without an id carries a session: the rest go unkeyed.
	if got := pub.Stats().Unkeyed; got != int64(len(bad)-1) {
		t.Errorf("publisher sent %d unkeyed records, want %d", got, len(bad)-1)
	}

	// Everything was committed: a second loader in the group gets nothing.
	again := newRecordingSink()
	second, err := NewLoader(cfg, again)
	if err != nil {
		t.Fatal(err)
	}
	stop2 := runLoader(t, second)
	time.Sleep(2 * time.Second)
	if err := stop2(); err != nil {
		t.Fatalf("second loader run: %v", err)
	}
	if st := second.Stats(); st.Consumed != 0 {
		t.Errorf("second loader consumed %d records, want 0 (offsets past the malformed ones committed)", st.Consumed)
	}
}
