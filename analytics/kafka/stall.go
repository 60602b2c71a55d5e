package kafka

import "time"

// partitionOffsets is one partition's offsets at one poll: the first and
// next offset of its log, and the consumer group's committed offset (-1
// when the group committed nothing there).
type partitionOffsets struct {
	partition              int
	first, next, committed int64
}

// pending reports whether records wait in the partition past what the
// group committed (a commit older than the log's start counts from it).
func (p partitionOffsets) pending() bool {
	return p.next > max(p.committed, p.first)
}

// stallWatch tells when the consumer group stopped making progress: a
// partition whose committed offset stays put for `after` while records
// wait in it. Kafka itself hands a dead member's partitions on within its
// session timeout, so `after` is longer than that; a stall past it means
// the group holds a member that will never consume (kfake keeps a member
// whose JoinGroup answer it could not deliver, with no session timer) or
// this loader's reader is stuck. Polls are fed in by the loader between
// batches: a poll gap longer than maxGap (the loader was busy inserting)
// restarts every clock, so a slow sink never reads as a stalled group.
type stallWatch struct {
	after  time.Duration
	maxGap time.Duration

	last  time.Time                 // previous poll
	parts map[int]partitionProgress // by partition
}

type partitionProgress struct {
	committed int64     // effective committed offset at the last change
	since     time.Time // when it last moved, or records started waiting
	pending   bool      // records were waiting at the last poll
}

func newStallWatch(after, maxGap time.Duration) *stallWatch {
	return &stallWatch{after: after, maxGap: maxGap, parts: make(map[int]partitionProgress)}
}

// observe records a poll taken at now and returns the partitions stalled
// for at least `after`, in the order polled.
func (w *stallWatch) observe(now time.Time, polled []partitionOffsets) (stalled []int) {
	if !w.last.IsZero() && now.Sub(w.last) > w.maxGap {
		clear(w.parts)
	}
	w.last = now
	for _, p := range polled {
		done := max(p.committed, p.first)
		prev, seen := w.parts[p.partition]
		pending := p.pending()
		switch {
		case !seen, !pending, !prev.pending, done != prev.committed:
			w.parts[p.partition] = partitionProgress{committed: done, since: now, pending: pending}
		case now.Sub(prev.since) >= w.after:
			stalled = append(stalled, p.partition)
		}
	}
	return stalled
}

// restartAt restarts every clock at t, which may be in the future: after
// a rejoin the group may take its rebalance timeout to drop members that
// do not come back, and that wait is not a new stall.
func (w *stallWatch) restartAt(t time.Time) {
	for part, p := range w.parts {
		p.since = t
		w.parts[part] = p
	}
}
