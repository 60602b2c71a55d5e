package spool

import (
	"fmt"
	"os"
	"runtime"
	"time"
)

// flushBytes ends a group-commit window early: enough is staged to make
// one write worthwhile.
const flushBytes = 1 << 20

// runWriter is the group commit: one goroutine writes and fsyncs whatever
// appenders staged meanwhile, so many Appends share one write and one
// fsync. Before each write it waits up to SyncInterval for the Appends
// already on their way to the stage, and no longer than that: with nobody
// else coming, waiting would only add latency.
func (s *Spool) runWriter() {
	defer close(s.writerDone)
	window := time.NewTimer(time.Hour)
	window.Stop()
	fsync := time.NewTimer(time.Hour)
	fsync.Stop()
	for {
		select {
		case <-s.kick:
		case <-fsync.C:
			s.syncDirty()
			continue
		case <-s.closed:
			for s.flush() {
			}
			s.syncDirty()
			return
		}
		for {
			s.waitWindow(window)
			if !s.flush() {
				break
			}
			if s.dirty && time.Since(s.lastSync) >= s.opt.FsyncEvery {
				s.syncDirty() // a steady stream never leaves the loop
			}
		}
		if s.dirty {
			fsync.Reset(s.opt.FsyncEvery)
		}
	}
}

// syncDirty fsyncs what was written since the last fsync. Only the writer
// goroutine touches the file, so this needs no lock.
func (s *Spool) syncDirty() {
	if !s.dirty {
		return
	}
	if err := s.active.Sync(); err != nil {
		s.log.Error("spool: fsync failed", "file", s.active.Name(), "err", err)
		return
	}
	s.dirty, s.lastSync = false, time.Now()
}

// waitWindow holds a staged generation while Appends are entering, up to
// SyncInterval, or until the stage reaches flushBytes. It first yields the
// processor once: the goroutines runnable now (under load, the appenders
// its last write woke, back with their next record) stage before the
// write instead of after it. Writing at once made groups of one or two
// records under load, a write call each (ext4 journals the file's mtime
// per write); idle, the yield returns at once.
func (s *Spool) waitWindow(t *time.Timer) {
	if s.opt.SyncInterval <= 0 {
		return
	}
	runtime.Gosched()
	s.mu.Lock()
	empty := len(s.stage) == 0
	s.mu.Unlock()
	if empty || s.entering.Load() == 0 {
		return
	}
	t.Reset(s.opt.SyncInterval)
	defer t.Stop()
	for s.entering.Load() > 0 {
		select {
		case <-t.C:
			return
		case <-s.kick: // an arrival staged, or the stage reached flushBytes
		case <-s.closed:
			return
		}
		s.mu.Lock()
		big := len(s.stage) >= flushBytes
		s.mu.Unlock()
		if big {
			return
		}
	}
}

// flush writes and fsyncs the staged generation and wakes its appenders.
// It reports false when nothing was staged.
func (s *Spool) flush() bool {
	s.mu.Lock()
	if len(s.stage) == 0 {
		s.mu.Unlock()
		return false
	}
	buf, n, gen := s.stage, s.stageRecs, s.stageGen
	s.stage, s.stageRecs = s.spare[:0], 0
	s.stageGen++
	failed := s.failErr != nil
	s.mu.Unlock()

	var err error
	if !failed {
		err = s.write(buf)
	}

	s.mu.Lock()
	if err != nil {
		s.failErr, s.failGen = err, gen
	}
	if s.failErr == nil {
		s.nextSeq += uint64(n)
		s.segs[len(s.segs)-1].size = s.activeSize
		s.stats.appended.Add(int64(n))
		s.stats.writes.Add(1)
		s.stats.pendingRecords.Add(int64(n))
	} else {
		s.stats.pendingBytes.Add(-int64(len(buf)))
	}
	s.doneGen = gen
	s.done.Broadcast()
	s.mu.Unlock()
	s.spare = buf

	if err != nil {
		s.log.Error("spool: write failed; rejecting appends until restart", "dir", s.dir, "err", err)
	}
	select {
	case s.readable <- struct{}{}:
	default:
	}
	return true
}

// write appends buf to the active segment, rolling first when buf would
// take it past SegmentBytes, and fsyncs with FsyncEach (else the file is
// marked dirty for the periodic fsync).
func (s *Spool) write(buf []byte) error {
	if s.activeSize > 0 && s.activeSize+int64(len(buf)) > s.opt.SegmentBytes {
		if err := s.roll(); err != nil {
			return err
		}
	}
	n, err := s.active.Write(buf)
	s.activeSize += int64(n)
	if err != nil {
		return fmt.Errorf("write %s: %w", s.active.Name(), err)
	}
	if !s.opt.FsyncEach {
		s.dirty = true // written: survives kill -9; fsynced within FsyncEvery
		return nil
	}
	if err := s.active.Sync(); err != nil {
		return fmt.Errorf("fsync %s: %w", s.active.Name(), err)
	}
	return nil
}

// roll seals the active segment (already fsynced) and starts the next one,
// named by the next record's sequence number. The new directory entry is
// made durable before any record is acknowledged in it.
func (s *Spool) roll() error {
	s.syncDirty()     // seal a durable segment
	base := s.nextSeq // only the writer changes nextSeq
	path := s.segmentPath(base)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("roll segment: %w", err)
	}
	if err := syncDir(s.dir); err != nil {
		f.Close()
		return fmt.Errorf("roll segment: %w", err)
	}
	if err := s.active.Close(); err != nil {
		s.log.Warn("spool: close sealed segment", "file", s.active.Name(), "err", err)
	}
	s.active, s.activeSize = f, 0
	s.mu.Lock()
	s.segs = append(s.segs, segment{base: base})
	s.mu.Unlock()
	s.stats.segments.Add(1)
	return nil
}
