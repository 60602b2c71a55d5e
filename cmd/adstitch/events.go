package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/adstitch/adstitch/adserver"
	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/kafka"
	"github.com/adstitch/adstitch/analytics/spool"
	"github.com/adstitch/adstitch/analytics/store/chstore"
	"github.com/adstitch/adstitch/analytics/store/sqlitestore"
	"github.com/adstitch/adstitch/configs"
)

// eventPipeline is the serve side of measurement: every event is appended
// to the local spool before the beacon is answered, and a drain loop moves
// the spool to Kafka (when configured) or to the embedded SQLite store.
type eventPipeline struct {
	recorder analytics.Recorder
	metrics  []adserver.MetricsWriter
	reports  analytics.Reporter
	closers  []func() error
	wg       sync.WaitGroup
	cancel   context.CancelFunc
	spool    *spool.Spool
	maxBytes int64 // the spool's bound on undelivered bytes
	log      *slog.Logger

	insertErrors, quarantined atomic.Int64 // embedded SQLite drain
}

// Shutdown of the pipeline: once the HTTP server has drained, the drain
// loop may deliver what is pending while it makes progress, for at most
// drainGrace, giving up after drainStall without a delivery; whatever is
// left stays in the spool for the next start.
const (
	drainGrace = 5 * time.Second
	drainStall = time.Second
)

func startEvents(ctx context.Context, cfg *configs.Config, log *slog.Logger) (*eventPipeline, error) {
	p := &eventPipeline{log: log, maxBytes: cfg.Events.Spool.MaxBytes}
	if p.maxBytes <= 0 {
		p.maxBytes = spool.DefaultMaxBytes
	}
	sp, err := spool.Open(spool.Options{Dir: cfg.Events.Spool.Dir, MaxBytes: cfg.Events.Spool.MaxBytes, FsyncEach: cfg.Events.Spool.FsyncEach, Logger: log})
	if err != nil {
		return nil, fmt.Errorf("event spool: %w", err)
	}
	p.spool = sp
	p.closers = append(p.closers, sp.Close)
	p.recorder = analytics.SpoolRecorder{Spool: sp}
	p.metrics = append(p.metrics, func(w *bytes.Buffer) {
		st := sp.Stats()
		adserver.WriteCounter(w, "adstitch_events_spooled_total", "Events written to the local spool (fsynced within 20 ms, or before the answer with fsync_each).", st.Appended)
		adserver.WriteCounter(w, "adstitch_spool_writes_total", "Write calls that appended the spooled events: beacons arriving together share one.", st.Writes)
		adserver.WriteCounter(w, "adstitch_events_forwarded_total", "Events the spool delivered downstream (Kafka or SQLite).", st.Committed)
		adserver.WriteGauge(w, "adstitch_spool_pending_events", "Events in the spool not delivered yet (back-pressure).", st.PendingRecords)
		adserver.WriteGauge(w, "adstitch_spool_pending_bytes", "Bytes in the spool not delivered yet.", st.PendingBytes)
		adserver.WriteCounter(w, "adstitch_spool_full_total", "Events refused because the spool was full (answered 503, retried by players).", st.Full)
		adserver.WriteCounter(w, "adstitch_spool_deliver_errors_total", "Failed deliveries from the spool (retried).", st.DeliverErrors)
	})

	var deliver func(context.Context, [][]byte) error
	if k := cfg.Events.Kafka; k != nil {
		kc := kafkaConfig(k, log)
		if err := kafka.EnsureTopic(ctx, kc, 6); err != nil {
			log.Warn("kafka topic not ensured; events wait in the spool", "err", err)
		}
		pub, err := kafka.NewPublisher(kc)
		if err != nil {
			p.close()
			return nil, fmt.Errorf("kafka publisher: %w", err)
		}
		p.closers = append(p.closers, pub.Close)
		deliver = pub.Deliver
		p.metrics = append(p.metrics, func(w *bytes.Buffer) {
			st := pub.Stats()
			adserver.WriteCounter(w, "adstitch_kafka_messages_total", "Events acknowledged by Kafka.", st.Messages)
			adserver.WriteCounter(w, "adstitch_kafka_errors_total", "Failed Kafka deliveries (retried from the spool).", st.Errors)
		})
		log.Info("events: spool -> kafka", "brokers", k.Brokers, "topic", kc.Topic)
	} else {
		st, err := sqlitestore.Open(cfg.Events.SQLite.Path)
		if err != nil {
			p.close()
			return nil, fmt.Errorf("events store: %w", err)
		}
		p.closers = append(p.closers, st.Close)
		p.reports = st
		q := &quarantine{path: filepath.Join(cfg.DataDir, "events-quarantine.jsonl"), log: log}
		var dec analytics.BatchDecoder // Drain delivers one batch at a time
		deliver = func(ctx context.Context, recs [][]byte) error {
			evs := dec.Decode(recs, func(r []byte, err error) {
				// A record that can never be stored must not stall the
				// spool; keep it aside for a person to look at.
				q.keep(r, err)
				p.quarantined.Add(1)
			})
			if err := st.Insert(ctx, evs); err != nil {
				if ctx.Err() == nil {
					p.insertErrors.Add(1)
				}
				return err
			}
			return nil
		}
		p.metrics = append(p.metrics, func(w *bytes.Buffer) {
			adserver.WriteCounter(w, "adstitch_sqlite_insert_errors_total", "Failed inserts of spooled events into the embedded SQLite store (retried).", p.insertErrors.Load())
			adserver.WriteCounter(w, "adstitch_events_quarantined_total", "Spooled records that are not events, kept aside in events-quarantine.jsonl.", p.quarantined.Load())
		})
		log.Info("events: spool -> sqlite", "path", cfg.Events.SQLite.Path)
	}
	if p.reports == nil {
		rep, closeFn, err := openReporter(ctx, cfg)
		if err != nil {
			log.Warn("reports unavailable", "err", err)
		} else {
			p.reports = rep
			p.closers = append(p.closers, closeFn)
		}
	}
	dctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		if err := sp.Drain(dctx, 1000, deliver); err != nil && !errors.Is(err, context.Canceled) {
			log.Error("event drain stopped", "err", err)
		}
	}()
	return p, nil
}

// openReporter answers reports from ClickHouse when configured, else from
// the SQLite store (which `adstitch load --sink sqlite` fills).
func openReporter(ctx context.Context, cfg *configs.Config) (analytics.Reporter, func() error, error) {
	if ch := cfg.Events.ClickHouse; ch != nil {
		st, err := chstore.Open(ctx, ch.DSN)
		if err != nil {
			return nil, nil, err
		}
		return st, st.Close, nil
	}
	st, err := sqlitestore.Open(cfg.Events.SQLite.Path)
	if err != nil {
		return nil, nil, err
	}
	return st, st.Close, nil
}

// readyCheck fails while the spool is (nearly) full: beacons would be
// answered 503, so a load balancer should send viewers elsewhere.
func (p *eventPipeline) readyCheck() adserver.ReadyCheck {
	return adserver.ReadyCheck{Name: "event_spool", Check: func() error {
		if st := p.spool.Stats(); st.PendingBytes >= p.maxBytes/100*99 {
			return fmt.Errorf("event spool full: %d of %d bytes wait for delivery", st.PendingBytes, p.maxBytes)
		}
		return nil
	}}
}

// stop runs after the HTTP server drained: it lets the drain loop catch up
// (bounded), stops it, then closes the store or publisher and the spool,
// whose Close writes and fsyncs every event appended before it.
func (p *eventPipeline) stop() {
	p.catchUp(drainGrace, drainStall)
	p.cancel()
	p.wg.Wait()
	p.close()
	st := p.spool.Stats()
	p.log.Info("event pipeline stopped", "spooled", st.Appended, "delivered", st.Committed, "left_in_spool", st.PendingRecords)
}

// catchUp waits until the spool has nothing pending, for at most grace,
// and no longer than stall without a delivery (Kafka or SQLite down).
func (p *eventPipeline) catchUp(grace, stall time.Duration) {
	deadline := time.Now().Add(grace)
	last, progressed := p.spool.Stats().Committed, time.Now()
	for {
		st := p.spool.Stats()
		now := time.Now()
		if st.Committed != last {
			last, progressed = st.Committed, now
		}
		if st.PendingRecords == 0 || now.After(deadline) || now.Sub(progressed) > stall {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (p *eventPipeline) close() {
	for i := len(p.closers) - 1; i >= 0; i-- {
		if err := p.closers[i](); err != nil && p.log != nil {
			p.log.Error("closing the event pipeline", "err", err)
		}
	}
}

func kafkaConfig(k *configs.KafkaOptions, log *slog.Logger) kafka.Config {
	return kafka.Config{
		Brokers: k.Brokers, Topic: k.Topic, Compression: k.Compression, GroupID: k.GroupID,
		BatchSize: k.BatchSize, BatchWait: time.Duration(k.BatchWait), Logger: log,
	}
}

// quarantine keeps undecodable spool records in a file instead of retrying
// them for ever.
type quarantine struct {
	path string
	log  *slog.Logger
	mu   sync.Mutex
}

func (q *quarantine) keep(rec []byte, why error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.log.Error("event record quarantined", "err", why, "file", q.path)
	f, err := os.OpenFile(q.path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		q.log.Error("quarantine file", "err", err)
		return
	}
	defer f.Close()
	_, _ = f.Write(append(append([]byte(nil), rec...), '\n'))
	_ = f.Sync()
}
