package kafka

import (
	"context"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// TestBrokerRestartMidStream crashes the broker leading a partition while
// events are being published and loaded, then brings it back. Deliver is
// retried on error the way the spool retries it, and never otherwise: an
// event missing at the end would be one Deliver acknowledged but Kafka did
// not keep. Retried writes may duplicate records; the sink counts each once.
func TestBrokerRestartMidStream(t *testing.T) {
	const n = 10000
	tc, cfg, pub := setup(t, 3, 6, nil)
	records, ids := testEvents(t, "r", n)

	victim := tc.LeaderFor(DefaultTopic, 0)
	if victim < 0 {
		t.Fatalf("no leader for partition 0")
	}
	produced := tc.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.Produce}, Nodes: []int32{victim}, Observe: true, Count: -1})
	// A few writes Kafka keeps but answers with a timeout: the client
	// writes them again, so the topic holds duplicates the sink must drop.
	timedOut := tc.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.Produce}, Err: kerr.RequestTimedOut, Count: 3})

	sink := newRecordingSink()
	loader, err := NewLoader(cfg, sink)
	if err != nil {
		t.Fatal(err)
	}
	stop := runLoader(t, loader)

	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	published := make(chan struct{})
	go func() {
		defer close(published)
		deliverAll(ctx, t, pub, records, 200)
	}()

	waitFor(t, 20*time.Second, "a third of the events published", func() bool { return pub.Stats().Messages >= n/3 })
	if produced.Hits() == 0 {
		t.Fatalf("broker %d served no produce request before the crash", victim)
	}
	tc.Kill(t, victim)
	time.Sleep(time.Second)
	tc.Restart(t, victim)
	select {
	case <-published:
	case <-ctx.Done():
		t.Fatalf("publishing did not finish: %v", ctx.Err())
	}

	waitFor(t, 30*time.Second, "all events in the sink", func() bool { return sink.Distinct() == n })
	if err := stop(); err != nil {
		t.Fatalf("loader run: %v", err)
	}
	if missing := sink.Missing(ids); len(missing) > 0 {
		t.Fatalf("%d events missing, first %s", len(missing), missing[0])
	}
	if timedOut.Hits() != 3 || sink.Rows() <= n {
		t.Errorf("%d timed-out writes, %d rows for %d events: want 3 and duplicates", timedOut.Hits(), sink.Rows(), n)
	}
	t.Logf("publisher %+v; loader %+v; sink rows %d for %d events", pub.Stats(), loader.Stats(), sink.Rows(), n)
}

// TestDeliverFailsUntilAcknowledged: while the cluster refuses writes,
// Deliver reports failure and counts nothing; once it accepts them the
// retried batch goes through and every event counts once. (kafka-go keeps
// retrying a batch whose Deliver gave up, so the abandoned attempt may land
// too: at least once, deduplicated by the sink.)
func TestDeliverFailsUntilAcknowledged(t *testing.T) {
	const n = 300
	tc, cfg, pub := setup(t, 1, 3, nil)
	records, ids := testEvents(t, "f", n)

	refuse := tc.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.Produce}, Err: kerr.NotEnoughReplicas, Count: -1})
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	err := pub.Deliver(ctx, records)
	cancel()
	if err == nil {
		t.Fatal("Deliver succeeded while every write was refused")
	}
	if st := pub.Stats(); st.Messages != 0 || st.Errors != 1 {
		t.Errorf("stats after refused delivery = %+v, want 0 messages, 1 error", st)
	}
	refuse.Remove()

	ctx, cancel = context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := pub.Deliver(ctx, records); err != nil {
		t.Fatalf("Deliver after the cluster recovered: %v", err)
	}
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
	t.Logf("sink stored %d rows for %d events", sink.Rows(), n)
}
