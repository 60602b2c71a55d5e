package spool

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// isBadRecord tells damage in the data from a failure to read it.
func isBadRecord(err error) bool {
	return errors.Is(err, errShortRecord) || errors.Is(err, errBadLength) || errors.Is(err, errChecksum)
}

// scanTail validates the last segment after a crash. It returns where the
// valid records end and how many there are. A bad record with no valid
// record after it is a torn tail: the caller truncates at end. A bad record
// followed by a valid one is damage to acknowledged data: *CorruptError.
func scanTail(rr *recordReader, r io.ReaderAt, size int64, path string) (end int64, count uint64, err error) {
	rr.reset(r, 0, size)
	for {
		_, err := rr.next()
		switch {
		case err == io.EOF:
			return rr.off, count, nil
		case err == nil:
			count++
			continue
		case !isBadRecord(err):
			return 0, 0, fmt.Errorf("scan segment %s: %w", path, err)
		}
		bad := rr.off
		next, found, rerr := resync(r, bad+1, size)
		if rerr != nil {
			return 0, 0, fmt.Errorf("scan segment %s: %w", path, rerr)
		}
		if found {
			return 0, 0, &CorruptError{Path: path, Offset: bad,
				Reason: fmt.Sprintf("%v, and a valid record follows at offset %d", err, next)}
		}
		return bad, count, nil
	}
}

// resync looks for the first offset in [from, size) where a valid record
// starts. Windows overlap by one maximal record so none is missed.
func resync(r io.ReaderAt, from, size int64) (int64, bool, error) {
	const step = headerSize + MaxRecordBytes
	buf := make([]byte, min(2*step, max(size-from, 0)))
	for base := from; base+headerSize <= size; base += step {
		n := min(int64(len(buf)), size-base)
		if _, err := r.ReadAt(buf[:n], base); err != nil && err != io.EOF {
			return 0, false, fmt.Errorf("read at offset %d: %w", base, err)
		}
		for i := 0; i < step && int64(i)+headerSize <= n; i++ {
			if _, _, err := decodeRecord(buf[i:n]); err == nil {
				return base + int64(i), true, nil
			}
		}
	}
	return 0, false, nil
}

// recoverLog loads the log's state from disk after a clean stop or a
// crash: it finishes an interrupted commit, truncates a torn tail and
// positions the writer and the reader.
func (s *Spool) recoverLog() error {
	if err := os.Remove(filepath.Join(s.dir, cursorTemp)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove stale cursor: %w", err)
	}
	segs, err := listSegments(s.dir)
	if err != nil {
		return err
	}
	cur, ok, err := readCursor(s.dir)
	if err != nil {
		return err
	}
	if !ok && len(segs) > 0 {
		cur = position{seg: segs[0].base, seq: segs[0].base}
	}
	if segs, err = s.dropConsumed(segs, cur.seg); err != nil {
		return err
	}
	if len(segs) == 0 {
		if cur.off != 0 || cur.seq != cur.seg {
			return &CorruptError{Path: s.segmentPath(cur.seg), Offset: cur.off, Reason: "the committed cursor points into a missing segment"}
		}
		if err := createSegment(s.segmentPath(cur.seg)); err != nil {
			return err
		}
		segs = []segment{{base: cur.seg}}
	}
	if segs[0].base != cur.seg {
		return &CorruptError{Path: s.segmentPath(cur.seg), Offset: cur.off, Reason: "the committed cursor points into a missing segment"}
	}

	last := &segs[len(segs)-1]
	path := s.segmentPath(last.base)
	s.active, err = os.OpenFile(path, os.O_RDWR|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("open segment: %w", err)
	}
	end, count, err := scanTail(s.rr, s.active, last.size, path)
	if err != nil {
		return err
	}
	if end < last.size {
		s.log.Warn("spool: truncating torn tail after a crash", "file", path, "offset", end, "bytes", last.size-end)
		if err := s.active.Truncate(end); err != nil {
			return fmt.Errorf("truncate torn tail of %s: %w", path, err)
		}
		if err := s.active.Sync(); err != nil {
			return fmt.Errorf("fsync %s: %w", path, err)
		}
	}
	last.size = end
	s.activeSize = end
	s.nextSeq = last.base + count
	if cur.seq > s.nextSeq || (cur.seg == last.base && cur.off > end) {
		return &CorruptError{Path: s.segmentPath(cur.seg), Offset: cur.off,
			Reason: fmt.Sprintf("the committed cursor (record %d) is past the end of the log (record %d)", cur.seq, s.nextSeq)}
	}

	s.segs = segs
	s.committed, s.rpos = cur, cur
	s.stats.segments.Store(int64(len(segs)))
	s.stats.pendingRecords.Store(int64(s.nextSeq - cur.seq))
	s.stats.pendingBytes.Store(bytesBetween(segs, cur, position{seg: last.base, off: end}))
	return nil
}

// dropConsumed removes segments before the committed one: a crash between
// writing the cursor and deleting them leaves them behind.
func (s *Spool) dropConsumed(segs []segment, committedSeg uint64) ([]segment, error) {
	i := 0
	for i < len(segs) && segs[i].base < committedSeg {
		if err := os.Remove(s.segmentPath(segs[i].base)); err != nil {
			return nil, fmt.Errorf("remove consumed segment: %w", err)
		}
		i++
	}
	if i > 0 {
		if err := syncDir(s.dir); err != nil {
			return nil, err
		}
	}
	return segs[i:], nil
}

// createSegment makes an empty segment file and its directory entry
// durable before anything is written to it.
func createSegment(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("create segment: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("create segment %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}
