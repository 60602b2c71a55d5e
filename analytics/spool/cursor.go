package spool

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// The cursor file holds the committed position: magic, segment, offset,
// sequence, CRC-32C of what precedes it. It is replaced atomically.
const (
	cursorFile  = "cursor"
	cursorTemp  = "cursor.tmp"
	cursorMagic = "ASC1"
	cursorSize  = 4 + 8 + 8 + 8 + 4
)

func encodeCursor(p position) []byte {
	b := make([]byte, cursorSize)
	copy(b, cursorMagic)
	binary.LittleEndian.PutUint64(b[4:], p.seg)
	binary.LittleEndian.PutUint64(b[12:], uint64(p.off))
	binary.LittleEndian.PutUint64(b[20:], p.seq)
	binary.LittleEndian.PutUint32(b[28:], recordSum(nil, b[:28]))
	return b
}

func decodeCursor(b []byte) (position, error) {
	switch {
	case len(b) != cursorSize:
		return position{}, fmt.Errorf("cursor is %d bytes, want %d", len(b), cursorSize)
	case string(b[:4]) != cursorMagic:
		return position{}, fmt.Errorf("cursor magic %q, want %q", b[:4], cursorMagic)
	case binary.LittleEndian.Uint32(b[28:]) != recordSum(nil, b[:28]):
		return position{}, errors.New("cursor checksum mismatch")
	}
	p := position{
		seg: binary.LittleEndian.Uint64(b[4:]),
		off: int64(binary.LittleEndian.Uint64(b[12:])),
		seq: binary.LittleEndian.Uint64(b[20:]),
	}
	if p.off < 0 || p.seq < p.seg {
		return position{}, fmt.Errorf("cursor offset %d, sequence %d in segment %d is impossible", p.off, p.seq, p.seg)
	}
	return p, nil
}

// readCursor returns the committed position, ok false when nothing was
// ever committed.
func readCursor(dir string) (p position, ok bool, err error) {
	path := filepath.Join(dir, cursorFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return position{}, false, nil
	}
	if err != nil {
		return position{}, false, fmt.Errorf("read cursor: %w", err)
	}
	p, err = decodeCursor(b)
	if err != nil {
		return position{}, false, &CorruptError{Path: path, Reason: err.Error()}
	}
	return p, true, nil
}

// writeCursor makes p the committed position durably: write a temp file,
// fsync it, rename it over the cursor, fsync the directory.
func writeCursor(dir string, p position) error {
	tmp := filepath.Join(dir, cursorTemp)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write cursor: %w", err)
	}
	_, werr := f.Write(encodeCursor(p))
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("write cursor %s: %w", tmp, werr)
	}
	if err := os.Rename(tmp, filepath.Join(dir, cursorFile)); err != nil {
		return fmt.Errorf("write cursor: %w", err)
	}
	return syncDir(dir)
}
