package spool

import (
	"encoding/binary"
	"fmt"
	"io"
)

// recordReader reads the records of one segment in order through a window
// big enough for the largest record, so a run of small records costs one
// read syscall, not two per record.
type recordReader struct {
	r      io.ReaderAt
	limit  int64  // bytes of the segment that may be read
	buf    []byte // window storage, len headerSize+MaxRecordBytes
	win    []byte // bytes of the segment from winOff
	winOff int64
	off    int64 // where the next record starts
}

func newRecordReader() *recordReader {
	return &recordReader{buf: make([]byte, headerSize+MaxRecordBytes)}
}

// reset points the reader at a segment, from off up to limit.
func (rr *recordReader) reset(r io.ReaderAt, off, limit int64) {
	rr.r, rr.off, rr.limit = r, off, limit
	rr.win, rr.winOff = nil, off
}

// next returns the payload of the next record, valid until the next call,
// and advances. At the limit it returns io.EOF. On a bad record it returns
// the reason and stays at the record's offset.
func (rr *recordReader) next() ([]byte, error) {
	if rr.off >= rr.limit {
		return nil, io.EOF
	}
	if rr.limit-rr.off < headerSize {
		return nil, errShortRecord
	}
	h, err := rr.window(headerSize)
	if err != nil {
		return nil, err
	}
	n := int64(binary.LittleEndian.Uint32(h[0:4]))
	if n > MaxRecordBytes {
		return nil, errBadLength
	}
	if rr.off+headerSize+n > rr.limit {
		return nil, errShortRecord
	}
	b, err := rr.window(headerSize + int(n))
	if err != nil {
		return nil, err
	}
	payload, size, err := decodeRecord(b)
	if err != nil {
		return nil, err
	}
	rr.off += int64(size)
	return payload, nil
}

// window returns n bytes at rr.off, reading ahead when they are not in the
// window yet. The caller has checked rr.off+n <= rr.limit.
func (rr *recordReader) window(n int) ([]byte, error) {
	start := rr.off - rr.winOff
	if rr.off >= rr.winOff && start+int64(n) <= int64(len(rr.win)) {
		return rr.win[start : start+int64(n)], nil
	}
	want := min(int64(len(rr.buf)), rr.limit-rr.off)
	got, err := rr.r.ReadAt(rr.buf[:want], rr.off)
	if int64(got) < want {
		rr.win = nil
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("read %d bytes at offset %d: %w", want, rr.off, err)
	}
	rr.win, rr.winOff = rr.buf[:want], rr.off
	return rr.win[:n], nil
}
