package kafka

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	kafkago "github.com/segmentio/kafka-go"

	"github.com/adstitch/adstitch/analytics"
)

// Loader tuning.
const (
	insertBackoffMin = 100 * time.Millisecond
	insertBackoffMax = 10 * time.Second
	fetchBackoff     = time.Second
	commitTimeout    = 30 * time.Second
	fetchMaxWait     = 500 * time.Millisecond // broker long-poll; bounds shutdown time
	joinGroupBackoff = time.Second
	readerQueue      = 1024
	readerMaxBytes   = 16 << 20
)

// ErrLoaderUsed is returned by Run on a Loader that already ran: a Loader
// owns one consumer-group membership, which ends with Run.
var ErrLoaderUsed = errors.New("kafka loader already ran")

// Loader consumes the events topic in a consumer group and inserts the
// events into a sink in batches. It commits a batch's offsets only after
// the sink accepted the batch, retrying the insert with backoff while it
// fails, so it never commits past an event the sink does not hold. A record
// that is not an event is logged, counted and skipped.
//
// Between batches it watches the group's committed offsets: when records
// wait in a partition and nothing is committed there for a long time (a
// member that will never consume holds it, or this loader's own reader is
// stuck), it rejoins the group with a fresh reader (see rejoin).
type Loader struct {
	cfg    Config
	sink   analytics.Sink
	tune   loaderTuning
	reader atomic.Pointer[kafkago.Reader] // nil until Run; replaced by rejoin
	log    *slog.Logger
	bad    *throttledLog
	used   atomic.Bool

	leaving sync.WaitGroup // readers closing in the background

	consumed, inserted, batches           atomic.Int64
	insertErrors, commitErrors, malformed atomic.Int64
	fetchErrors, rejoins                  atomic.Int64
}

// LoaderStats counts what a Loader did since it was created.
type LoaderStats struct {
	Consumed     int64 // records fetched from Kafka
	Inserted     int64 // events in batches the sink accepted (redeliveries included)
	Batches      int64 // successful sink inserts
	InsertErrors int64 // failed sink inserts (each was retried)
	CommitErrors int64 // failed offset commits (their records will be redelivered)
	Malformed    int64 // records skipped because they are not events
	FetchErrors  int64 // fetches (or group joins, which kafka-go reports through them) that failed
	Rejoins      int64 // fresh readers made because the group made no progress
	Lag          int64 // the reader's last observed lag of the partition it fetched last
}

// NewLoader returns a Loader that feeds sink. Run starts consuming.
func NewLoader(cfg Config, sink analytics.Sink) (*Loader, error) {
	if sink == nil {
		return nil, fmt.Errorf("%w: loader needs a sink", ErrInvalidConfig)
	}
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	log := cfg.Logger.With("component", "kafka-loader", "topic", cfg.Topic, "group", cfg.GroupID)
	return &Loader{
		cfg:  cfg,
		sink: sink,
		tune: defaultTuning(),
		log:  log,
		bad:  &throttledLog{log: log, interval: 10 * time.Second},
	}, nil
}

// Run joins the consumer group and consumes until ctx ends, then returns
// nil. Kafka errors are retried, never returned: brokers that come back
// are used again, and a group that stops making progress is rejoined. A
// batch being inserted when ctx ends is not committed: the next member of
// the group loads it again. Run leaves the consumer group before it
// returns (waiting at most a few seconds for the brokers to confirm).
func (l *Loader) Run(ctx context.Context) error {
	if l.used.Swap(true) {
		return ErrLoaderUsed
	}
	l.reader.Store(l.newReader())
	defer l.leave()
	watch := l.newProgressWatch()
	defer watch.close()
	for ctx.Err() == nil {
		reader := l.reader.Load()
		msgs, fetchErr := l.fetchBatch(ctx, reader)
		if len(msgs) > 0 && !l.load(ctx, reader, msgs) {
			return nil
		}
		if fetchErr != nil && ctx.Err() == nil {
			// kafka-go hands group errors (a JoinGroup that failed
			// MaxAttempts times, even with io.EOF) to the fetch: the
			// reader is still ours and retries by itself.
			l.fetchErrors.Add(1)
			l.log.Warn("fetch from kafka failed; retrying", "err", fetchErr)
			if !sleep(ctx, fetchBackoff) {
				return nil
			}
		}
		if stalled := watch.check(ctx); len(stalled) > 0 && ctx.Err() == nil {
			l.rejoin(stalled)
			watch.rejoined()
		}
	}
	return nil
}

// fetchBatch waits up to idleWake for one record, then gathers more until
// BatchSize records or BatchWait. The error is what stopped it early, if
// anything; no record and no error means nothing came.
func (l *Loader) fetchBatch(ctx context.Context, reader *kafkago.Reader) ([]kafkago.Message, error) {
	idle, cancelIdle := context.WithTimeout(ctx, l.tune.idleWake)
	m, err := reader.FetchMessage(idle)
	idled := idle.Err() != nil
	cancelIdle()
	if err != nil {
		if idled {
			err = nil // nothing came (or ctx ended: Run sees it)
		}
		return nil, err
	}
	msgs := make([]kafkago.Message, 1, min(l.cfg.BatchSize, 1024))
	msgs[0] = m
	wait, cancel := context.WithTimeout(ctx, l.cfg.BatchWait)
	defer cancel()
	for len(msgs) < l.cfg.BatchSize {
		m, err := reader.FetchMessage(wait)
		if err != nil {
			if wait.Err() != nil {
				err = nil // the batch window closed (or ctx ended: Run sees it)
			}
			l.consumed.Add(int64(len(msgs)))
			return msgs, err
		}
		msgs = append(msgs, m)
	}
	l.consumed.Add(int64(len(msgs)))
	return msgs, nil
}

// load decodes msgs, inserts the events and commits the offsets with the
// reader that fetched them. It reports false when ctx ended before the
// sink accepted the batch.
func (l *Loader) load(ctx context.Context, reader *kafkago.Reader, msgs []kafkago.Message) bool {
	events := make([]analytics.Event, 0, len(msgs))
	for i := range msgs {
		e, err := decodeEvent(msgs[i].Value)
		if err != nil {
			l.malformed.Add(1)
			l.bad.Warn("skipping kafka record that is not an event", "partition", msgs[i].Partition,
				"offset", msgs[i].Offset, "err", err)
			continue
		}
		events = append(events, e)
	}
	if len(events) > 0 && !l.insert(ctx, events) {
		return false
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), commitTimeout)
	defer cancel()
	if err := reader.CommitMessages(cctx, msgs...); err != nil {
		l.commitErrors.Add(1)
		l.log.Warn("commit kafka offsets failed; records will be loaded again", "records", len(msgs), "err", err)
	}
	return true
}

// insert retries the sink with exponential backoff until it accepts the
// batch (true) or ctx ends (false).
func (l *Loader) insert(ctx context.Context, events []analytics.Event) bool {
	backoff := insertBackoffMin
	for {
		err := l.sink.Insert(ctx, events)
		if err == nil {
			l.inserted.Add(int64(len(events)))
			l.batches.Add(1)
			return true
		}
		if ctx.Err() != nil {
			return false
		}
		l.insertErrors.Add(1)
		l.log.Warn("sink insert failed; retrying", "events", len(events), "backoff", backoff, "err", err)
		if !sleep(ctx, backoff) {
			return false
		}
		backoff = min(2*backoff, insertBackoffMax)
	}
}

// sleep waits d or until ctx ends; false means ctx ended.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// Stats returns the loader's counters.
func (l *Loader) Stats() LoaderStats {
	var lag int64
	if r := l.reader.Load(); r != nil {
		lag = r.Stats().Lag
	}
	return LoaderStats{
		Consumed:     l.consumed.Load(),
		Inserted:     l.inserted.Load(),
		Batches:      l.batches.Load(),
		InsertErrors: l.insertErrors.Load(),
		CommitErrors: l.commitErrors.Load(),
		Malformed:    l.malformed.Load(),
		FetchErrors:  l.fetchErrors.Load(),
		Rejoins:      l.rejoins.Load(),
		Lag:          lag,
	}
}
