//go:build unix

package main

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"maps"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/adstitch/adstitch/analytics/kafka"
	"github.com/adstitch/adstitch/analytics/kafka/kafkatest"
	"github.com/adstitch/adstitch/analytics/spool"
)

// The proof's size: 1,000 viewers × 17 avails × 6 beacons = 102,000
// events, plus one session_start per viewer.
const (
	proofSessions    = 1000
	proofAvails      = 17
	proofWorkers     = 32
	proofBatchSize   = 2000 // loader batch: small, so a kill lands in one
	proofReplayEvery = 20   // ~5% of beacons are sent twice
	proofReplayLag   = 3000 // beacons between an original and its replay
)

// TestMeasurementExactlyOnce is the end-to-end measurement proof: beacons
// over HTTP into `adstitch serve`, its spool, Kafka (a 3-broker kfake in
// this process), `adstitch load` and SQLite, with a serve process killed
// holding unsent events, a broker crash and a loader killed mid-batch.
// Every beacon counts exactly once, in the table and in the report.
func TestMeasurementExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the measurement proof sends 100,000 beacons through child processes (1-2 minutes)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute+30*time.Second)
	defer cancel()
	p := &proof{t: t, start: time.Now(), dir: t.TempDir()}
	p.bin = buildAdstitch(t, p.dir)
	p.step("built the adstitch binary")

	p.cluster = kafkatest.NewCluster(t, 3)
	kcfg := kafka.Config{Brokers: p.cluster.Brokers, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := kafka.EnsureTopic(ctx, kcfg, kafka.DefaultPartitions); err != nil {
		t.Fatal(err)
	}
	p.paths = newProofPaths(p.dir)
	listen := freeAddr(t)
	p.base = "http://" + listen
	writeProofConfig(t, p.paths, listen, proofOrigin(t).URL, p.cluster.Brokers, proofBatchSize)

	p.serve = p.startServe(1)
	p.loader = p.startLoader(1)
	p.traffic = newTraffic(p.base, proofWorkers)
	if err := p.traffic.createSessions(ctx, proofSessions, proofWorkers); err != nil {
		t.Fatal(err)
	}
	p.step("serve and load up, " + strconv.Itoa(proofSessions) + " sessions created")
	db, err := openEventsDB(p.paths.eventsDB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	plan := beaconPlan(proofSessions, proofAvails, proofReplayEvery, proofReplayLag)
	originals := proofSessions * proofAvails * len(proofTypes)
	p.sent = make(chan error, 1)
	go func() { p.sent <- p.traffic.send(ctx, plan, proofWorkers) }()

	// The loader dies before the broker: its successor waits out the dead
	// member's session in the consumer group (30 s), beacons flowing.
	p.crashServe(ctx, originals)
	p.crashLoader(ctx, db, originals)
	p.crashBroker(ctx, originals)

	select {
	case err := <-p.sent:
		if err != nil {
			t.Fatalf("sending beacons: %v", err)
		}
	case <-ctx.Done():
		t.Fatalf("beacons not all acknowledged: %d of %d", p.traffic.acked.Load(), originals)
	}
	p.step("all beacons acknowledged: " + p.trafficStats())
	if got, want := p.traffic.replayed.Load(), int64(len(plan)-originals); got != want {
		t.Errorf("%d replays acknowledged, want %d", got, want)
	}

	p.checkStore(ctx, db, originals)
	p.checkReport(ctx)
	p.step("done")
}

// proof holds the processes and clocks of one run.
type proof struct {
	t       *testing.T
	start   time.Time
	dir     string
	bin     string
	base    string
	paths   proofPaths
	cluster *kafkatest.Cluster
	serve   *child
	loader  *child
	traffic *traffic
	sent    chan error
}

func (p *proof) step(what string) {
	p.t.Logf("%7s  %s", time.Since(p.start).Round(10*time.Millisecond), what)
}

func (p *proof) trafficStats() string {
	tr := p.traffic
	return strconv.FormatInt(tr.acked.Load(), 10) + " originals + " + strconv.FormatInt(tr.replayed.Load(), 10) +
		" replays; " + strconv.FormatInt(tr.retries.Load(), 10) + " retried attempts (" +
		strconv.FormatInt(tr.refused.Load(), 10) + " with no answer)"
}

func (p *proof) startServe(n int) *child {
	c := startChild(p.t, p.bin, "serve #"+strconv.Itoa(n), filepath.Join(p.dir, "serve-"+strconv.Itoa(n)+".log"),
		"serve", "--config", p.paths.config)
	waitHealthy(p.t, c, p.base, 30*time.Second)
	return c
}

func (p *proof) startLoader(n int) *child {
	return startChild(p.t, p.bin, "load #"+strconv.Itoa(n), filepath.Join(p.dir, "load-"+strconv.Itoa(n)+".log"),
		"load", "--config", p.paths.config, "--sink", "sqlite")
}

// waitAcked waits until n original beacons are acknowledged, failing if
// sending stops, a child dies or ctx ends first.
func (p *proof) waitAcked(ctx context.Context, n int) {
	p.t.Helper()
	for p.traffic.acked.Load() < int64(n) {
		select {
		case err := <-p.sent:
			p.t.Fatalf("sending stopped at %d acknowledged beacons, before %d: %v", p.traffic.acked.Load(), n, err)
		case <-ctx.Done():
			p.t.Fatalf("%d acknowledged beacons, waiting for %d: %v", p.traffic.acked.Load(), n, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
		p.checkAlive()
	}
}

func (p *proof) checkAlive() {
	p.t.Helper()
	for _, c := range []*child{p.serve, p.loader} {
		if c.exited() {
			p.t.Fatalf("%s exited on its own: %v", c.name, c.waitErr)
		}
	}
}

// crashServe stops Kafka from accepting writes so events pile up in the
// spool, SIGKILLs serve with them unsent, checks the spool holds them, and
// starts serve again on the same spool with Kafka back.
func (p *proof) crashServe(ctx context.Context, originals int) {
	t := p.t
	p.waitAcked(ctx, originals*33/100)
	refuse := p.cluster.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.Produce}, Err: kerr.NotEnoughReplicas, Count: -1})
	p.step("Kafka refuses writes (NOT_ENOUGH_REPLICAS on every Produce)")
	p.waitAcked(ctx, originals*35/100)
	p.serve.kill(t)
	p.step("serve SIGKILLed at " + strconv.FormatInt(p.traffic.acked.Load(), 10) + " acknowledged beacons")

	sp, err := spool.Open(spool.Options{Dir: p.paths.spool, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("open the killed serve's spool: %v", err)
	}
	pending := sp.Stats().PendingRecords
	if err := sp.Close(); err != nil {
		t.Fatal(err)
	}
	if pending == 0 {
		t.Fatal("the killed serve's spool holds no unsent events: the crash proves nothing")
	}
	refuse.Remove()
	p.serve = p.startServe(2)
	p.step("serve restarted on a spool holding " + strconv.FormatInt(pending, 10) + " unsent events; Kafka accepts writes again")
}

// crashBroker crashes the broker leading partition 0 and brings it back.
func (p *proof) crashBroker(ctx context.Context, originals int) {
	p.waitAcked(ctx, originals*55/100)
	victim := p.cluster.LeaderFor(kafka.DefaultTopic, 0)
	if victim < 0 {
		p.t.Fatal("no leader for partition 0")
	}
	p.cluster.Kill(p.t, victim)
	p.step("broker " + strconv.Itoa(int(victim)) + " crashed")
	time.Sleep(time.Second)
	p.cluster.Restart(p.t, victim)
	p.step("broker " + strconv.Itoa(int(victim)) + " restarted")
}

// crashLoader kills the loader inside an insert: the test holds SQLite's
// write lock so the loader's next batch blocks in its transaction, with
// the batch fetched from Kafka and its offsets uncommitted.
func (p *proof) crashLoader(ctx context.Context, db *sql.DB, originals int) {
	t := p.t
	p.waitAcked(ctx, originals*45/100)
	for {
		n, err := countRows(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if n >= 2*proofBatchSize {
			p.step("loader has stored " + strconv.Itoa(n) + " events")
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("the loader stored only %d events", n)
		}
		p.checkAlive()
		time.Sleep(50 * time.Millisecond)
	}
	release, err := holdWriteLock(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second) // > batch_wait: the loader fetched a batch and waits in its insert
	// The work a killed loader leaves to the next one.
	gl := kafka.NewGroupLag(kafka.Config{Brokers: p.cluster.Brokers, Topic: kafka.DefaultTopic, GroupID: kafka.DefaultGroupID})
	lctx, lcancel := context.WithTimeout(ctx, 10*time.Second)
	lag, err := gl.Lag(lctx)
	lcancel()
	gl.Close()
	if err != nil {
		t.Fatal(err)
	}
	p.loader.kill(t)
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if lag == 0 {
		t.Fatal("the loader had nothing uncommitted when it was killed: the crash proves nothing")
	}
	p.step("loader SIGKILLed inside an insert with " + strconv.FormatInt(lag, 10) + " records uncommitted")
	p.loader = p.startLoader(2)
}

// checkStore waits until the events table holds every event, then checks
// it holds each exactly once.
func (p *proof) checkStore(ctx context.Context, db *sql.DB, originals int) {
	t := p.t
	want := originals + proofSessions
	// The worst recovery the loader plans for: the killed loader's member
	// waits out its 30 s session, then a member kfake keeps from a join cut
	// by the broker crash stalls a partition until the loader notices (45 s
	// without progress) and rejoins (up to a 30 s rebalance).
	const patience = 150 * time.Second
	deadline := time.Now().Add(patience)
	for {
		n, err := countRows(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if n >= want {
			p.step("store holds " + strconv.Itoa(n) + " events")
			break
		}
		if time.Now().After(deadline) {
			c, _ := countStored(ctx, db)
			t.Fatalf("after %v the store holds %d of %d events: %v", patience, n, want, c.byType)
		}
		p.checkAlive()
		time.Sleep(250 * time.Millisecond)
	}
	got, err := countStored(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if got.rows != want || got.distinct != want {
		t.Errorf("events table: %d rows, %d distinct event ids, want %d", got.rows, got.distinct, want)
	}
	wantTypes := map[string]int{"session_start": proofSessions}
	for _, typ := range proofTypes {
		wantTypes[typ] = proofSessions * proofAvails
	}
	if !maps.Equal(got.byType, wantTypes) {
		t.Errorf("events by type = %v, want %v", got.byType, wantTypes)
	}
	p.step("checked the events table: every event once")
}

// checkReport reads the house campaign's report from serve.
func (p *proof) checkReport(ctx context.Context) {
	t := p.t
	rep, err := campaignReport(ctx, p.base, proofAd, proofAnalystKey)
	if err != nil {
		t.Fatal(err)
	}
	want := int64(proofSessions * proofAvails)
	if rep.impressions != want || rep.completes != want {
		t.Errorf("report: %d impressions, %d completes, want %d each", rep.impressions, rep.completes, want)
	}
	switch rep.rows {
	case 1:
		if rep.uniqueViewer != proofSessions {
			t.Errorf("report: %d unique viewers, want %d", rep.uniqueViewer, proofSessions)
		}
	case 2: // the run crossed midnight UTC: viewers are counted per day
		t.Logf("report has two days; unique viewers per day summed to %d", rep.uniqueViewer)
	default:
		t.Errorf("report has %d day rows, want 1", rep.rows)
	}
	p.step("report: " + strconv.FormatInt(rep.impressions, 10) + " impressions, " +
		strconv.FormatInt(rep.completes, 10) + " completes, " + strconv.FormatInt(rep.uniqueViewer, 10) + " unique viewers")
}
