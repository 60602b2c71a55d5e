package kafka

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
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
type Loader struct {
	cfg    Config
	sink   analytics.Sink
	reader *kafkago.Reader
	log    *slog.Logger
	bad    *throttledLog
	used   atomic.Bool

	consumed, inserted, batches           atomic.Int64
	insertErrors, commitErrors, malformed atomic.Int64
}

// LoaderStats counts what a Loader did since it was created.
type LoaderStats struct {
	Consumed     int64 // records fetched from Kafka
	Inserted     int64 // events in batches the sink accepted (redeliveries included)
	Batches      int64 // successful sink inserts
	InsertErrors int64 // failed sink inserts (each was retried)
	CommitErrors int64 // failed offset commits (their records will be redelivered)
	Malformed    int64 // records skipped because they are not events
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
	info, errs := clientLoggers(cfg.Logger, "kafka-loader")
	reader := kafkago.NewReader(kafkago.ReaderConfig{
		Brokers:               cfg.Brokers,
		GroupID:               cfg.GroupID,
		Topic:                 cfg.Topic,
		QueueCapacity:         readerQueue,
		MinBytes:              1,
		MaxBytes:              readerMaxBytes,
		MaxWait:               fetchMaxWait,
		CommitInterval:        0, // synchronous: CommitMessages returns once the broker has the offsets
		StartOffset:           kafkago.FirstOffset,
		JoinGroupBackoff:      joinGroupBackoff,
		WatchPartitionChanges: true,
		Logger:                info,
		ErrorLogger:           errs,
	})
	log := cfg.Logger.With("component", "kafka-loader", "topic", cfg.Topic, "group", cfg.GroupID)
	return &Loader{
		cfg:    cfg,
		sink:   sink,
		reader: reader,
		log:    log,
		bad:    &throttledLog{log: log, interval: 10 * time.Second},
	}, nil
}

// Run consumes until ctx ends and returns nil then. A batch being inserted
// when ctx ends is not committed: the next member of the group loads it
// again. Run leaves the consumer group before it returns.
func (l *Loader) Run(ctx context.Context) error {
	if l.used.Swap(true) {
		return ErrLoaderUsed
	}
	defer l.reader.Close()
	for ctx.Err() == nil {
		msgs, fetchErr := l.fetchBatch(ctx)
		if len(msgs) > 0 && !l.load(ctx, msgs) {
			return nil
		}
		switch {
		case fetchErr == nil, ctx.Err() != nil:
		case errors.Is(fetchErr, io.EOF), errors.Is(fetchErr, io.ErrClosedPipe):
			return fmt.Errorf("kafka loader %s: reader closed: %w", l.cfg.Topic, fetchErr)
		default:
			l.log.Warn("fetch from kafka failed; retrying", "err", fetchErr)
			if !sleep(ctx, fetchBackoff) {
				return nil
			}
		}
	}
	return nil
}

// fetchBatch blocks for one record, then gathers more until BatchSize
// records or BatchWait. The error is what stopped it early, if anything.
func (l *Loader) fetchBatch(ctx context.Context) ([]kafkago.Message, error) {
	m, err := l.reader.FetchMessage(ctx)
	if err != nil {
		return nil, err
	}
	msgs := make([]kafkago.Message, 1, min(l.cfg.BatchSize, 1024))
	msgs[0] = m
	wait, cancel := context.WithTimeout(ctx, l.cfg.BatchWait)
	defer cancel()
	for len(msgs) < l.cfg.BatchSize {
		m, err := l.reader.FetchMessage(wait)
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

// load decodes msgs, inserts the events and commits the offsets. It
// reports false when ctx ended before the sink accepted the batch.
func (l *Loader) load(ctx context.Context, msgs []kafkago.Message) bool {
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
	if err := l.reader.CommitMessages(cctx, msgs...); err != nil {
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
	return LoaderStats{
		Consumed:     l.consumed.Load(),
		Inserted:     l.inserted.Load(),
		Batches:      l.batches.Load(),
		InsertErrors: l.insertErrors.Load(),
		CommitErrors: l.commitErrors.Load(),
		Malformed:    l.malformed.Load(),
		Lag:          l.reader.Stats().Lag,
	}
}
