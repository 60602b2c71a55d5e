package spool

import (
	"context"
	"time"
)

// Drain retry pacing, and how long one Drain Read waits for records.
const (
	drainBackoffMin = 100 * time.Millisecond
	drainBackoffMax = 5 * time.Second
	drainWait       = time.Second
)

// Drain moves the log to deliver until ctx ends: Read, deliver, Commit.
// A batch holds up to max records: what is written when it starts and
// what arrives within Options.Linger after. A batch deliver rejects is
// retried (backoff from 100 ms doubling to 5 s) and never committed, so
// records arrive in append order, at least once. Drain returns nil when
// ctx ends, and the error when the log cannot be read or committed
// (ErrClosed, ErrCorrupt, I/O).
func (s *Spool) Drain(ctx context.Context, max int, deliver func(context.Context, [][]byte) error) error {
	for {
		b, err := s.Read(ctx, max, drainWait)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return err
		}
		if len(b.Records) == 0 {
			continue
		}
		b = s.linger(ctx, b, max)
		if !s.deliver(ctx, b, deliver) {
			return nil
		}
		if err := s.Commit(b); err != nil {
			return err
		}
	}
}

// linger adds to b what arrives within Linger, up to max records. Every
// delivery costs the consumer about the same (a store transaction, a
// produce request) and its Commit one cursor fsync, whatever its size: a
// steady stream delivered as it comes, in batches of a few records, would
// spend more time on them than on the records, and starve the appenders
// of CPU (one core: of the only P, while fsync holds it). A Read error
// ends the batch early; the next Read reports it.
func (s *Spool) linger(ctx context.Context, b Batch, max int) Batch {
	if s.opt.Linger <= 0 {
		return b
	}
	deadline := time.Now().Add(s.opt.Linger)
	for len(b.Records) < max {
		left := time.Until(deadline)
		if left <= 0 {
			break
		}
		more, err := s.Read(ctx, max-len(b.Records), left)
		if err != nil || len(more.Records) == 0 {
			break
		}
		b.Records = append(b.Records, more.Records...)
		b.end = more.end
	}
	return b
}

// deliver calls deliver until it accepts b; false means ctx ended first.
func (s *Spool) deliver(ctx context.Context, b Batch, deliver func(context.Context, [][]byte) error) bool {
	backoff := drainBackoffMin
	for attempt := 1; ; attempt++ {
		err := deliver(ctx, b.Records)
		if err == nil {
			return true
		}
		if ctx.Err() != nil {
			return false
		}
		s.stats.deliverErrors.Add(1)
		if n, ok := s.deliverLog.allow(1); ok {
			s.log.Warn("spool: deliver failed; retrying the batch", "dir", s.dir, "err", err,
				"records", len(b.Records), "attempt", attempt, "failures", n, "backoff", backoff)
		}
		if !sleep(ctx, backoff) {
			return false
		}
		backoff = min(2*backoff, drainBackoffMax)
	}
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
