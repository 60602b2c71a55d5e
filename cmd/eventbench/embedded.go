package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync/atomic"
	"time"

	"github.com/adstitch/adstitch/adserver"
	"github.com/adstitch/adstitch/adserver/session"
	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/spool"
	"github.com/adstitch/adstitch/analytics/store/sqlitestore"
	"github.com/adstitch/adstitch/configs"
)

// Fixed identities of the bench's adstitch.
const (
	benchStream = "show"
	benchAd     = "house"
	benchKey    = "eventbench-fixed-session-key-0123456789abcdef"
	// drainBatch is how many spool records one store insert takes, as
	// `adstitch serve` drains them.
	drainBatch = 1000
)

// embedded is adstitch serving in this process the way `adstitch serve`
// runs without Kafka: every event is appended to the spool before the
// reply, and one drain loop moves the spool into SQLite.
type embedded struct {
	base   string // http://host:port
	dbPath string
	srv    *adserver.Server
	spool  *spool.Spool
	store  *sqlitestore.Store

	recorded     atomic.Int64 // events the server spooled, so answered 2xx or 302
	beacons      atomic.Int64 // of them, beacons (not session_start)
	beaconWrites atomic.Int64 // spool writes of beacons: one per beacon request
	inserted     atomic.Int64 // events the store accepted
	malformed    atomic.Int64 // spool records that were not events (lost)

	// firstBeacon and lastBeacon are when the server recorded its first
	// and last beacon (Unix ns, 0 before): the wrk load is timed by them,
	// since wrk's clock skips what its threads sent while the next one
	// was building its requests.
	firstBeacon, lastBeacon atomic.Int64

	decoder analytics.BatchDecoder // deliver's: Drain calls it one batch at a time

	cancel  context.CancelFunc
	served  chan error
	drained chan error
}

// startEmbedded serves adstitch on 127.0.0.1:0 with data in dataDir,
// configured for beacons of kind k.
func startEmbedded(dataDir string, o *origin, k beaconKind) (_ *embedded, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("adstitch listen: %w", err)
	}
	defer func() {
		if err != nil {
			ln.Close()
		}
	}()
	cfg, err := configs.Parse(embeddedYAML(ln.Addr().String(), o, dataDir, k), "eventbench.yaml")
	if err != nil {
		return nil, err
	}
	var keys []session.Key
	for _, k := range cfg.Sessions.Keys {
		keys = append(keys, session.Key{ID: k.ID, Secret: []byte(k.Secret)})
	}
	ring, err := session.NewKeyring(keys, cfg.Sessions.Active, time.Duration(cfg.Sessions.TTL))
	if err != nil {
		return nil, fmt.Errorf("session keyring: %w", err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e := &embedded{base: "http://" + ln.Addr().String(), dbPath: cfg.Events.SQLite.Path,
		served: make(chan error, 1), drained: make(chan error, 1)}
	if e.spool, err = spool.Open(spool.Options{Dir: cfg.Events.Spool.Dir, MaxBytes: cfg.Events.Spool.MaxBytes, Logger: log}); err != nil {
		return nil, fmt.Errorf("event spool: %w", err)
	}
	if e.store, err = sqlitestore.Open(e.dbPath); err != nil {
		e.spool.Close()
		return nil, fmt.Errorf("events store: %w", err)
	}
	e.srv, err = adserver.New(adserver.Deps{Config: cfg, Keyring: ring, Log: log,
		Recorder: countingRecorder{analytics.SpoolRecorder{Spool: e.spool}, e}, Reports: e.store})
	if err != nil {
		e.store.Close()
		e.spool.Close()
		return nil, fmt.Errorf("adstitch: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	go func() { e.served <- e.srv.Serve(ctx, ln) }()
	go func() { e.drained <- e.spool.Drain(ctx, drainBatch, e.deliver) }()
	return e, nil
}

// deliver is the drain's destination: decode each record, as serve does,
// and insert the batch.
func (e *embedded) deliver(ctx context.Context, recs [][]byte) error {
	evs := e.decoder.Decode(recs, func([]byte, error) { e.malformed.Add(1) })
	if err := e.store.Insert(ctx, evs); err != nil {
		return err
	}
	e.inserted.Add(int64(len(evs)))
	return nil
}

// countingRecorder counts the events the server recorded: the ones it
// answers 204 (or 302) for, in flight or not when the load stopped.
type countingRecorder struct {
	rec analytics.Recorder
	to  *embedded
}

func (c countingRecorder) Record(e analytics.Event) error {
	if err := c.rec.Record(e); err != nil {
		return err
	}
	c.count(e)
	return nil
}

// RecordBatch keeps the server's batches (an ad segment's beacons) whole.
func (c countingRecorder) RecordBatch(es []analytics.Event) error {
	if err := analytics.RecordAll(c.rec, es); err != nil {
		return err
	}
	c.count(es...)
	return nil
}

// count counts one write of es.
func (c countingRecorder) count(es ...analytics.Event) {
	var beacons int64
	for _, e := range es {
		if e.Type != analytics.SessionStart {
			beacons++
		}
	}
	if beacons > 0 {
		c.to.beacons.Add(beacons)
		c.to.beaconWrites.Add(1)
		now := time.Now().UnixNano()
		c.to.firstBeacon.CompareAndSwap(0, now)
		for last := c.to.lastBeacon.Load(); now > last && !c.to.lastBeacon.CompareAndSwap(last, now); {
			last = c.to.lastBeacon.Load()
		}
	}
	c.to.recorded.Add(int64(len(es)))
}

// stop ends serving and draining and closes the spool and the store.
func (e *embedded) stop() error {
	e.cancel()
	errs := []error{<-e.served, <-e.drained}
	e.srv.Close()
	errs = append(errs, e.spool.Close(), e.store.Close())
	return errors.Join(errs...)
}

// embeddedYAML is the bench's configuration, written the way an operator
// would, so configs.Parse validates it like any other. No events.kafka:
// the spool drains into events.sqlite. Server beacons get ad segments in
// redirect mode: adstitch records, then sends the player to the CDN.
func embeddedYAML(listen string, o *origin, dataDir string, k beaconKind) []byte {
	var adSegments string
	if k == beaconsServer {
		adSegments = "ad_segments: {mode: redirect, cdn_prefix: \"https://cdn.test/ads\"}\n"
	}
	return fmt.Appendf(nil, `listen: %s
data_dir: %q
streams:
  - {id: %s, origin: %q, kind: vod, breaks: [preroll], break_duration: 10s}
fill:
  - {id: %s, hls: %q}
origins_allow: [%q]
sessions:
  keys:
    - {id: bench, secret: %q}
log: {level: error}
%s`, listen, dataDir, benchStream, o.url("/show/master.m3u8"), benchAd, o.url("/ad/master.m3u8"), o.host, benchKey, adSegments)
}
