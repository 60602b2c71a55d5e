package spool

import "sync/atomic"

// Stats are the spool's counters since Open and its current backlog.
type Stats struct {
	Appended       int64 // records written (fsynced too with FsyncEach)
	Writes         int64 // write calls that appended them: a group shares one
	Committed      int64 // records committed
	PendingRecords int64 // durable records not committed yet
	PendingBytes   int64 // bytes of uncommitted records, including appends in flight
	Full           int64 // records rejected with ErrFull
	DeliverErrors  int64 // failed deliver calls in Drain
	Segments       int64 // segment files on disk
}

type counters struct {
	appended, writes, committed, pendingRecords, pendingBytes, full, deliverErrors, segments atomic.Int64
}

// Stats reads the counters without locking.
func (s *Spool) Stats() Stats {
	c := &s.stats
	return Stats{
		Appended:       c.appended.Load(),
		Writes:         c.writes.Load(),
		Committed:      c.committed.Load(),
		PendingRecords: c.pendingRecords.Load(),
		PendingBytes:   c.pendingBytes.Load(),
		Full:           c.full.Load(),
		DeliverErrors:  c.deliverErrors.Load(),
		Segments:       c.segments.Load(),
	}
}
