package spool

import "fmt"

// Append adds rec to the log and returns once it is written to the
// segment file (fsynced too with Options.FsyncEach). Concurrent Appends
// share one write. rec is copied; the caller may
// reuse it. Errors: ErrTooLarge, ErrFull, ErrClosed, or the write failure
// that stopped the spool.
func (s *Spool) Append(rec []byte) error {
	if len(rec) > MaxRecordBytes {
		return tooLarge(len(rec))
	}
	s.entering.Add(1)
	s.mu.Lock()
	if err := s.admitLocked(framedSize(len(rec))); err != nil {
		s.mu.Unlock()
		s.noteRejected(err, 1)
		return err
	}
	before := len(s.stage)
	s.stage = appendRecord(s.stage, rec)
	s.stageRecs++
	return s.awaitLocked(before)
}

// AppendBatch adds recs as one contiguous run, all or none, and returns
// once they are written, as Append does.
func (s *Spool) AppendBatch(recs [][]byte) error {
	if len(recs) == 0 {
		return nil
	}
	var size int64
	for _, r := range recs {
		if len(r) > MaxRecordBytes {
			return tooLarge(len(r))
		}
		size += framedSize(len(r))
	}
	s.entering.Add(1)
	s.mu.Lock()
	if err := s.admitLocked(size); err != nil {
		s.mu.Unlock()
		s.noteRejected(err, len(recs))
		return err
	}
	before := len(s.stage)
	for _, r := range recs {
		s.stage = appendRecord(s.stage, r)
	}
	s.stageRecs += len(recs)
	return s.awaitLocked(before)
}

// admitLocked reserves size bytes of the MaxBytes bound. Either way the
// caller is no longer entering: it stages now or leaves.
func (s *Spool) admitLocked(size int64) error {
	s.entering.Add(-1)
	switch {
	case s.closing:
		return ErrClosed
	case s.failErr != nil:
		return s.failErr
	case s.stats.pendingBytes.Load()+size > s.opt.MaxBytes:
		return ErrFull
	}
	s.stats.pendingBytes.Add(size)
	return nil
}

// awaitLocked wakes the writer when the stage just became non-empty, or
// when the window can end early: no other Append is on its way to the
// stage, or the stage is big enough. Then it waits for the staged
// generation to be written (fsynced too with FsyncEach), and unlocks.
func (s *Spool) awaitLocked(before int) error {
	if before == 0 || s.entering.Load() == 0 || (before < flushBytes && len(s.stage) >= flushBytes) {
		select {
		case s.kick <- struct{}{}:
		default:
		}
	}
	gen := s.stageGen
	for s.doneGen < gen {
		s.done.Wait()
	}
	var err error
	if s.failErr != nil && gen >= s.failGen {
		err = s.failErr
	}
	s.mu.Unlock()
	return err
}

// noteRejected counts ErrFull rejections and says so loudly, once per
// logEvery with the count since the last line.
func (s *Spool) noteRejected(err error, n int) {
	if err != ErrFull {
		return
	}
	s.stats.full.Add(int64(n))
	if count, ok := s.fullLog.allow(int64(n)); ok {
		s.log.Error("spool full: rejecting events until the consumer catches up",
			"dir", s.dir, "rejected", count, "pending_bytes", s.stats.pendingBytes.Load(), "max_bytes", s.opt.MaxBytes)
	}
}

func tooLarge(n int) error {
	return fmt.Errorf("%w: %d bytes, at most %d", ErrTooLarge, n, MaxRecordBytes)
}
