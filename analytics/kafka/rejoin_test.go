package kafka

import (
	"context"
	"errors"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/adstitch/adstitch/analytics/kafka/kafkatest"
)

// testTuning shortens the loader's group timings so a test sees a stall,
// a rejoin and the rebalance that follows in seconds.
func testTuning() loaderTuning {
	return loaderTuning{
		sessionTimeout:   10 * time.Second,
		rebalanceTimeout: 5 * time.Second,
		stallAfter:       2 * time.Second,
		stallPoll:        250 * time.Millisecond,
		stallMaxGap:      3 * time.Second,
		probeTimeout:     2 * time.Second,
		idleWake:         200 * time.Millisecond,
		leaveTimeout:     5 * time.Second,
	}
}

// TestLoaderRejoinsAfterCoordinatorCrash: in each of three groups a loader
// joins while another one is a member, so its JoinGroup waits at the
// coordinator for the first to rejoin, and the coordinator crashes under
// it and comes back. The cut JoinGroup leaves a member in kfake's group
// whose join answer goes to a dead connection; when kfake drops that
// answer (half of the time) the member gets no session timer and keeps
// its partitions for good, so their records are never loaded. The
// loaders must see their group make no progress and rejoin, which makes
// the coordinator drop that member, and load every event. Three groups
// on one coordinator make it likely that at least one loses that coin
// toss (7 times in 8).
func TestLoaderRejoinsAfterCoordinatorCrash(t *testing.T) {
	const perWave, nGroups = 2000, 3
	tc, cfg, pub := setup(t, 3, 6, nil)
	records, ids := testEvents(t, "j", 2*perWave)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second)
	defer cancel()

	coordinator, groups := groupsOnLastBroker(t, tc, nGroups)
	sinks := make([]*recordingSink, nGroups)
	var loaders []*Loader
	start := func(g int) {
		gcfg := cfg
		gcfg.GroupID = groups[g]
		l, err := NewLoader(gcfg, sinks[g])
		if err != nil {
			t.Fatal(err)
		}
		l.tune = testTuning()
		runLoader(t, l)
		loaders = append(loaders, l)
	}
	for g := range groups {
		sinks[g] = newRecordingSink()
		start(g)
	}
	deliverAll(ctx, t, pub, records[:perWave], 500)
	waitFor(t, 20*time.Second, "the first wave in every group's sink", func() bool { return allHold(sinks, perWave) })

	joins := tc.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.JoinGroup}, Nodes: []int32{coordinator}, Observe: true, Count: -1})
	for g := range groups {
		start(g)
	}
	// The first loaders rejoin at their next heartbeat (3 s): until then
	// the new members' JoinGroups wait at the coordinator.
	waitFor(t, 3*time.Second, "the new loaders' JoinGroups at the coordinator", func() bool { return joins.Hits() >= nGroups })
	joins.Remove()
	// Back before the loaders retry (JoinGroupBackoff, 1 s) and at the
	// same place in kfake's broker list: the groups keep their
	// coordinator, so no NOT_COORDINATOR sends a member round again and
	// the rebalance that would follow does not drop the cut member.
	tc.Kill(t, coordinator)
	time.Sleep(200 * time.Millisecond)
	tc.Restart(t, coordinator)

	// The second wave trickles in while the groups rebalance and settle.
	for start := perWave; start < 2*perWave; start += perWave / 10 {
		deliverAll(ctx, t, pub, records[start:start+perWave/10], perWave/10)
		time.Sleep(250 * time.Millisecond)
	}
	waitFor(t, 25*time.Second, "the second wave in every group's sink", func() bool { return allHold(sinks, 2*perWave) })
	var rejoins int64
	for _, l := range loaders {
		rejoins += l.Stats().Rejoins
	}
	for g, s := range sinks {
		if missing := s.Missing(ids); len(missing) > 0 {
			t.Fatalf("group %s: %d events missing, first %s", groups[g], len(missing), missing[0])
		}
	}
	t.Logf("%d rejoins over %d loaders", rejoins, len(loaders))
}

// groupsOnLastBroker returns n group ids whose coordinator is the broker
// kfake lists last, and that broker: killed and restarted, it comes back
// last, so the groups' coordinator does not move.
func groupsOnLastBroker(t *testing.T, tc *kafkatest.Cluster, n int) (int32, []string) {
	t.Helper()
	last := int32(len(tc.Brokers) - 1)
	var groups []string
	for i := 0; len(groups) < n; i++ {
		if i > 1000 {
			t.Fatalf("no %d group ids coordinated by broker %d", n, last)
		}
		id := "rejoin-" + strconv.Itoa(i)
		if tc.CoordinatorFor(id) == last {
			groups = append(groups, id)
		}
	}
	return last, groups
}

func allHold(sinks []*recordingSink, n int) bool {
	for _, s := range sinks {
		if s.Distinct() != n {
			return false
		}
	}
	return true
}

// TestLoaderOutlivesFailedJoins: the coordinator drops the connection of
// every JoinGroup for a while, so kafka-go logs "Failed to join group:
// EOF" again and again and hands io.EOF to the fetch once its attempts
// run out. That is not the reader closing: the loader keeps running,
// joins once the coordinator answers and loads every event.
func TestLoaderOutlivesFailedJoins(t *testing.T) {
	const n, failures = 500, 4
	tc, cfg, pub := setup(t, 1, 3, nil)
	records, ids := testEvents(t, "e", n)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	deliverAll(ctx, t, pub, records, n)

	var cut atomic.Int32
	tc.ControlKey(int16(kmsg.JoinGroup), func(kmsg.Request) (kmsg.Response, error, bool) {
		if cut.Add(1) > failures {
			tc.DropControl()
			return nil, nil, false
		}
		tc.KeepControl()
		return nil, errors.New("coordinator going away"), true // kfake closes the connection
	})
	sink := newRecordingSink()
	l, err := NewLoader(cfg, sink)
	if err != nil {
		t.Fatal(err)
	}
	l.tune = testTuning()
	l.tune.stallPoll = time.Hour // keep the fetch waiting, so kafka-go can hand it the error
	done := make(chan error, 1)
	runCtx, stop := context.WithCancel(context.Background())
	defer stop()
	go func() { done <- l.Run(runCtx) }()

	deadline := time.After(15 * time.Second)
	for sink.Distinct() < n {
		select {
		case err := <-done:
			t.Fatalf("Run returned while the group was unreachable: %v", err)
		case <-deadline:
			t.Fatalf("%d of %d events loaded; stats %+v", sink.Distinct(), n, l.Stats())
		case <-time.After(20 * time.Millisecond):
		}
	}
	stop()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if missing := sink.Missing(ids); len(missing) > 0 {
		t.Fatalf("%d events missing", len(missing))
	}
	if st := l.Stats(); st.FetchErrors == 0 {
		t.Errorf("stats %+v: want the failed joins counted as fetch errors", st)
	}
}
