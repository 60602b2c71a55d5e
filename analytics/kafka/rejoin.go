package kafka

import (
	"context"
	"time"

	kafkago "github.com/segmentio/kafka-go"
)

// loaderTuning holds the loader's consumer-group timings. Tests shorten
// them; production uses defaultTuning.
type loaderTuning struct {
	sessionTimeout   time.Duration // a member silent this long is dropped by the coordinator
	rebalanceTimeout time.Duration // how long a rebalance waits for members to rejoin
	stallAfter       time.Duration // records waiting, no commit for this long: rejoin
	stallPoll        time.Duration // how often the group's offsets are read
	stallMaxGap      time.Duration // polls further apart than this restart the stall clocks
	probeTimeout     time.Duration // bound on one read of the group's offsets
	idleWake         time.Duration // longest a fetch waits before the loop looks around
	leaveTimeout     time.Duration // how long Run waits for its readers to leave the group
}

func defaultTuning() loaderTuning {
	return loaderTuning{
		sessionTimeout:   30 * time.Second,
		rebalanceTimeout: 30 * time.Second,
		// Longer than a session timeout plus a rebalance: Kafka moves a
		// dead member's partitions on by itself well within it.
		stallAfter:   45 * time.Second,
		stallPoll:    5 * time.Second,
		stallMaxGap:  15 * time.Second,
		probeTimeout: 5 * time.Second,
		idleWake:     time.Second,
		leaveTimeout: 10 * time.Second,
	}
}

// newReader returns a fresh group reader: a new member id and new
// connections. kafka-go joins the group from its own goroutine as soon as
// the reader exists.
func (l *Loader) newReader() *kafkago.Reader {
	info, errs := clientLoggers(l.cfg.Logger, "kafka-loader")
	return kafkago.NewReader(kafkago.ReaderConfig{
		Brokers:               l.cfg.Brokers,
		GroupID:               l.cfg.GroupID,
		Topic:                 l.cfg.Topic,
		QueueCapacity:         readerQueue,
		MinBytes:              1,
		MaxBytes:              readerMaxBytes,
		MaxWait:               fetchMaxWait,
		CommitInterval:        0, // synchronous: CommitMessages returns once the broker has the offsets
		StartOffset:           kafkago.FirstOffset,
		JoinGroupBackoff:      joinGroupBackoff,
		SessionTimeout:        l.tune.sessionTimeout,
		RebalanceTimeout:      l.tune.rebalanceTimeout,
		WatchPartitionChanges: true,
		Logger:                info,
		ErrorLogger:           errs,
	})
}

// progressWatch polls the group's progress between batches and reports
// the partitions stalled long enough to rejoin for.
type progressWatch struct {
	group *groupProgress
	stall *stallWatch
	tune  loaderTuning
	next  time.Time // next poll
	bad   *throttledLog
}

func (l *Loader) newProgressWatch() *progressWatch {
	return &progressWatch{
		group: newGroupProgress(l.cfg),
		stall: newStallWatch(l.tune.stallAfter, l.tune.stallMaxGap),
		tune:  l.tune,
		bad:   &throttledLog{log: l.log, interval: time.Minute},
	}
}

func (w *progressWatch) close() { w.group.close() }

// check polls when a poll is due and returns the stalled partitions. A
// failed poll stalls nothing: brokers that cannot answer cannot serve a
// fresh reader either. A stall while the group rebalances is not one:
// the clocks restart, so the loaders of a group do not rejoin one after
// the other, each rejoin restarting the rebalance the previous one began.
func (w *progressWatch) check(ctx context.Context) []int {
	now := time.Now()
	if now.Before(w.next) {
		return nil
	}
	w.next = now.Add(w.tune.stallPoll)
	pctx, cancel := context.WithTimeout(ctx, w.tune.probeTimeout)
	defer cancel()
	polled, err := w.group.offsets(pctx)
	if err != nil {
		w.failed(ctx, err)
		return nil
	}
	stalled := w.stall.observe(now, polled)
	if len(stalled) == 0 {
		return nil
	}
	rebalancing, err := w.group.rebalancing(pctx)
	if err != nil {
		w.failed(ctx, err)
		return nil
	}
	if rebalancing {
		w.stall.restartAt(now)
		return nil
	}
	return stalled
}

func (w *progressWatch) failed(ctx context.Context, err error) {
	if ctx.Err() == nil {
		w.bad.Warn("reading the consumer group's progress failed", "err", err)
	}
}

// rejoined gives the group a rebalance timeout to settle before the stall
// clocks run again.
func (w *progressWatch) rejoined() {
	w.stall.restartAt(time.Now().Add(w.tune.rebalanceTimeout))
}

// rejoin replaces the reader with a fresh one. It runs between batches,
// so no fetched batch belongs to the old reader: records it prefetched
// were never committed and are delivered again. The old reader leaves the
// group in the background (kafka-go's Close can wait out a JoinGroup in
// flight); its LeaveGroup and the new member's JoinGroup make the
// coordinator rebalance, and a rebalance drops the members that do not
// rejoin within the rebalance timeout.
func (l *Loader) rejoin(stalled []int) {
	old := l.reader.Swap(l.newReader())
	l.rejoins.Add(1)
	l.log.Warn("consumer group made no progress; rejoining with a fresh reader",
		"stalled_partitions", stalled, "stalled_for", l.tune.stallAfter)
	l.retire(old)
}

// retire closes r in the background; leave waits for it.
func (l *Loader) retire(r *kafkago.Reader) {
	l.leaving.Add(1)
	go func() {
		defer l.leaving.Done()
		if err := r.Close(); err != nil {
			l.log.Debug("close kafka reader", "err", err)
		}
	}()
}

// leave closes the current reader and waits up to leaveTimeout for every
// reader of this loader to leave the group.
func (l *Loader) leave() {
	l.retire(l.reader.Load())
	done := make(chan struct{})
	go func() {
		l.leaving.Wait()
		close(done)
	}()
	t := time.NewTimer(l.tune.leaveTimeout)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		l.log.Warn("kafka reader still leaving the consumer group; not waiting longer", "waited", l.tune.leaveTimeout)
	}
}
