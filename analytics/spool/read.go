package spool

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"
)

// Batch is a run of consecutive records returned by Read. Records are the
// caller's to keep. Commit(b) marks everything up to b's end consumed.
type Batch struct {
	Records [][]byte
	end     position
}

// Read returns up to max records following the last Read (or, after Open,
// the committed cursor), waiting up to wait for at least one. On timeout
// it returns an empty Batch. Only written records are returned (fsynced
// too with FsyncEach). Read is for a single consumer; a Read without a
// Commit is read again only after a restart.
func (s *Spool) Read(ctx context.Context, max int, wait time.Duration) (Batch, error) {
	if max < 1 {
		return Batch{}, fmt.Errorf("spool read: max is %d, want at least 1", max)
	}
	s.readMu.Lock()
	defer s.readMu.Unlock()
	var deadline <-chan time.Time
	for {
		if err := ctx.Err(); err != nil {
			return Batch{}, err
		}
		select {
		case <-s.closed:
			return Batch{}, ErrClosed
		default:
		}
		b, err := s.readAvailable(max)
		if err != nil || len(b.Records) > 0 || wait <= 0 {
			return b, err
		}
		if deadline == nil {
			t := time.NewTimer(wait)
			defer t.Stop()
			deadline = t.C
		}
		select {
		case <-s.readable:
		case <-deadline:
			return Batch{}, nil
		case <-ctx.Done():
			return Batch{}, ctx.Err()
		case <-s.closed:
			return Batch{}, ErrClosed
		}
	}
}

// maxSlab bounds the first allocation of a Read's records.
const maxSlab = 4 << 20

// readAvailable reads what is written now, crossing into later segments.
// A damaged record ends the batch before it; only a batch that would be
// empty reports the damage, so every good record is delivered first.
func (s *Spool) readAvailable(max int) (Batch, error) {
	var slab []byte
	var ends []int
	for len(ends) < max {
		seg, sealed, next, err := s.readSegment()
		if err != nil {
			return Batch{}, err
		}
		if s.rpos.off >= seg.size {
			if !sealed {
				break
			}
			if err := s.enterSegment(seg, next); err != nil {
				if len(ends) > 0 {
					break
				}
				return Batch{}, err
			}
			continue
		}
		if err := s.openReadFile(seg); err != nil {
			return Batch{}, err
		}
		if slab == nil { // sized once: grown by append, it allocated 4.4 times what it held
			slab = make([]byte, 0, s.slabSize(seg.size-s.rpos.off, max))
		}
		for len(ends) < max {
			p, err := s.rr.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				if len(ends) > 0 {
					return s.batch(slab, ends), nil
				}
				s.closeReadFile() // start over at s.rpos next time
				if isBadRecord(err) {
					return Batch{}, &CorruptError{Path: s.segmentPath(seg.base), Offset: s.rpos.off, Reason: err.Error()}
				}
				return Batch{}, fmt.Errorf("read %s: %w", s.segmentPath(seg.base), err)
			}
			slab = append(slab, p...)
			ends = append(ends, len(slab))
			s.rpos.off = s.rr.off
			s.rpos.seq++
		}
	}
	return s.batch(slab, ends), nil
}

// slabSize guesses the bytes of the next max records when written bytes
// are unread: no more than that, nor than max records of the last batch's
// mean size and a quarter, nor than maxSlab. A batch of a few records
// from a backlog takes a few records' room.
func (s *Spool) slabSize(written int64, max int) int64 {
	n := min(written, maxSlab)
	if s.readMean > 0 {
		n = min(n, int64(max)*(s.readMean+s.readMean/4))
	}
	return n
}

func (s *Spool) batch(slab []byte, ends []int) Batch {
	if len(ends) > 0 {
		s.readMean = int64(len(slab) / len(ends))
	}
	b := Batch{Records: make([][]byte, len(ends)), end: s.rpos}
	start := 0
	for i, e := range ends {
		b.Records[i] = slab[start:e:e]
		start = e
	}
	return b
}

// readSegment returns the segment the reader is in, whether it is sealed
// and, if so, the next segment's base.
func (s *Spool) readSegment() (seg segment, sealed bool, next uint64, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := findSegment(s.segs, s.rpos.seg)
	if !ok {
		return segment{}, false, 0, fmt.Errorf("spool read: segment %s is gone", s.segmentPath(s.rpos.seg))
	}
	if i+1 < len(s.segs) {
		return s.segs[i], true, s.segs[i+1].base, nil
	}
	return s.segs[i], false, 0, nil
}

// enterSegment moves the reader from the end of a sealed segment to the
// start of the next, checking no record went missing in between.
func (s *Spool) enterSegment(seg segment, next uint64) error {
	if s.rpos.off > seg.size || s.rpos.seq != next {
		return &CorruptError{Path: s.segmentPath(seg.base), Offset: seg.size,
			Reason: fmt.Sprintf("segment ends before record %d but the next segment starts at record %d", s.rpos.seq, next)}
	}
	s.closeReadFile()
	s.rpos = position{seg: next, seq: next}
	return nil
}

// openReadFile makes the record reader ready at s.rpos, reading up to the
// segment's durable size.
func (s *Spool) openReadFile(seg segment) error {
	if s.rfile != nil && s.rfileBase == seg.base {
		s.rr.limit = seg.size
		return nil
	}
	s.closeReadFile()
	f, err := os.Open(s.segmentPath(seg.base))
	if err != nil {
		return fmt.Errorf("spool read: %w", err)
	}
	s.rfile, s.rfileBase = f, seg.base
	s.rr.reset(f, s.rpos.off, seg.size)
	return nil
}

func (s *Spool) closeReadFile() {
	if s.rfile != nil {
		s.rfile.Close()
		s.rfile = nil
	}
}
