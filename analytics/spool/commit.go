package spool

import (
	"fmt"
	"os"
	"slices"
)

// Commit durably marks every record up to the end of b consumed: after a
// restart, reading resumes after it. Segments wholly before it are
// deleted. Committing a batch at or behind the cursor does nothing.
func (s *Spool) Commit(b Batch) error {
	s.commitMu.Lock()
	defer s.commitMu.Unlock()
	select {
	case <-s.closed:
		return ErrClosed
	default:
	}
	s.mu.Lock()
	prev := s.committed
	s.mu.Unlock()
	if b.end.seq < prev.seq || (b.end.seq == prev.seq && b.end.seg <= prev.seg) {
		return nil
	}
	if err := writeCursor(s.dir, b.end); err != nil {
		return fmt.Errorf("spool commit: %w", err)
	}

	s.mu.Lock()
	consumed := bytesBetween(s.segs, prev, b.end)
	cut, _ := findSegment(s.segs, b.end.seg)
	dead := slices.Clone(s.segs[:cut])
	s.segs = slices.Delete(s.segs, 0, cut)
	s.committed = b.end
	s.stats.pendingBytes.Add(-consumed)
	s.stats.pendingRecords.Add(-int64(b.end.seq - prev.seq))
	s.stats.committed.Add(int64(b.end.seq - prev.seq))
	s.stats.segments.Add(-int64(len(dead)))
	s.mu.Unlock()

	// A segment left behind by a failed removal is removed at the next Open.
	for _, seg := range dead {
		if err := os.Remove(s.segmentPath(seg.base)); err != nil {
			s.log.Warn("spool: remove consumed segment", "err", err)
		}
	}
	if len(dead) > 0 {
		if err := syncDir(s.dir); err != nil {
			s.log.Warn("spool: sync dir after removing segments", "err", err)
		}
	}
	return nil
}
