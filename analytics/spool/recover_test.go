package spool

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// writeSpool appends numbered(0..n-1) to a fresh spool and closes it. It
// returns the dir and the offset of every record in the last segment.
func writeSpool(t *testing.T, n int, segmentBytes int64) (dir string, lastOffsets []int64) {
	t.Helper()
	dir = t.TempDir()
	s := openTest(t, Options{Dir: dir, SegmentBytes: segmentBytes, SyncInterval: -1})
	appendN(t, s, 0, n)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	segs := segmentFiles(t, dir)
	b, err := os.ReadFile(segs[len(segs)-1])
	if err != nil {
		t.Fatal(err)
	}
	for off := 0; off < len(b); {
		_, size, err := decodeRecord(b[off:])
		if err != nil {
			t.Fatal(err)
		}
		lastOffsets = append(lastOffsets, int64(off))
		off += size
	}
	return dir, lastOffsets
}

func lastSegment(t *testing.T, dir string) string {
	segs := segmentFiles(t, dir)
	return segs[len(segs)-1]
}

func flipByte(t *testing.T, path string, off int64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[off] ^= 0x41
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTornTail cuts the last record at every byte, or damages each of its
// bytes: Open drops just that record, and the spool carries on.
func TestTornTail(t *testing.T) {
	const n = 12
	for _, segmentBytes := range []int64{0, 100} { // one segment; several
		src, offs := writeSpool(t, n, segmentBytes)
		last := offs[len(offs)-1]
		size := last + framedSize(len(numbered(n-1)))
		for at := last; at < size; at++ {
			for _, damage := range []string{"truncate", "flip"} {
				dir := copyDir(t, src)
				path := lastSegment(t, dir)
				if damage == "truncate" {
					if err := os.Truncate(path, at); err != nil {
						t.Fatal(err)
					}
				} else {
					flipByte(t, path, at)
				}
				s, err := Open(Options{Dir: dir, SegmentBytes: segmentBytes, SyncInterval: -1, Logger: quietLogger()})
				if err != nil {
					t.Fatalf("%s at %d: Open = %v", damage, at, err)
				}
				recs, _ := readAll(t, s, 100)
				wantNumbered(t, recs, 0, n-1)
				if err := s.Append(numbered(n - 1)); err != nil {
					t.Fatal(err)
				}
				recs, _ = readAll(t, s, 100)
				wantNumbered(t, recs, n-1, n)
				s.Close()
			}
		}
	}
}

func TestCorruptInTheMiddle(t *testing.T) {
	const n = 12
	cases := []struct {
		name   string
		record int   // which record of the last segment
		at     int64 // byte within it
	}{
		{"length of the first record", 0, 0},
		{"checksum of a middle record", 5, 5},
		{"payload of a middle record", 5, 12},
		{"payload of the one before last", n - 2, 9},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, offs := writeSpool(t, n, 0)
			path := lastSegment(t, dir)
			flipByte(t, path, offs[c.record]+c.at)
			_, err := Open(Options{Dir: dir, Logger: quietLogger()})
			var ce *CorruptError
			if !errors.Is(err, ErrCorrupt) || !errors.As(err, &ce) {
				t.Fatalf("Open = %v, want ErrCorrupt", err)
			}
			if ce.Path != path || ce.Offset != offs[c.record] {
				t.Fatalf("CorruptError names %s at %d, want %s at %d", ce.Path, ce.Offset, path, offs[c.record])
			}
			if fi, _ := os.Stat(path); fi.Size() != offs[len(offs)-1]+framedSize(len(numbered(n-1))) {
				t.Fatalf("Open changed a corrupt segment: size %d", fi.Size())
			}
		})
	}
}

// A sealed segment is not scanned at Open; Read delivers every record
// before the damage, then reports it.
func TestCorruptSealedSegment(t *testing.T) {
	r := framedSize(len(numbered(0))) // 21 bytes: 4 records a segment
	cases := []struct {
		name   string
		damage func(t *testing.T, path string)
		offset int64 // where the error must point; -1: the segment before
		good   int   // records of the damaged segment read before the error
	}{
		{"flipped payload", func(t *testing.T, p string) { flipByte(t, p, r+10) }, r, 1},
		{"flipped length", func(t *testing.T, p string) { flipByte(t, p, 2*r+2) }, 2 * r, 2},
		{"truncated", func(t *testing.T, p string) { os.Truncate(p, 2*r+9) }, 2 * r, 2},
		{"missing", func(t *testing.T, p string) { os.Remove(p) }, -1, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, _ := writeSpool(t, 20, 100)
			segs := segmentFiles(t, dir)
			c.damage(t, segs[1])
			s := openTest(t, Options{Dir: dir, SegmentBytes: 100})
			recs, _ := readUntilError(t, s)
			wantNumbered(t, recs, 0, 4+c.good)
			_, err := s.Read(context.Background(), 100, 0)
			var ce *CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("Read = %v, want a CorruptError", err)
			}
			wantPath, wantOff := segs[1], c.offset
			if c.offset < 0 {
				wantPath, wantOff = segs[0], 4*r
			}
			if ce.Path != wantPath || ce.Offset != wantOff {
				t.Fatalf("CorruptError names %s at %d, want %s at %d", ce.Path, ce.Offset, wantPath, wantOff)
			}
		})
	}
}

func readUntilError(t *testing.T, s *Spool) ([][]byte, error) {
	var recs [][]byte
	for {
		b, err := s.Read(context.Background(), 3, 0)
		if err != nil || len(b.Records) == 0 {
			return recs, err
		}
		recs = append(recs, b.Records...)
	}
}

func TestCorruptCursor(t *testing.T) {
	dir, _ := writeSpool(t, 3, 0)
	s := openTest(t, Options{Dir: dir})
	b, _ := s.Read(context.Background(), 2, 0)
	if err := s.Commit(b); err != nil {
		t.Fatal(err)
	}
	s.Close()
	flipByte(t, filepath.Join(dir, cursorFile), 10)
	if _, err := Open(Options{Dir: dir, Logger: quietLogger()}); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open with a damaged cursor = %v, want ErrCorrupt", err)
	}
}

// A crash between writing the cursor and removing consumed segments, or
// while writing the cursor, leaves files Open cleans up.
func TestInterruptedCommit(t *testing.T) {
	dir, _ := writeSpool(t, 20, 100)
	before := segmentFiles(t, dir)
	s := openTest(t, Options{Dir: dir, SegmentBytes: 100})
	b, _ := s.Read(context.Background(), 12, 0)
	s.Close()
	if err := writeCursor(dir, b.end); err != nil { // the commit, without the removals
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, cursorTemp), []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	s = openTest(t, Options{Dir: dir, SegmentBytes: 100})
	if got := segmentFiles(t, dir); len(got) != len(before)-2 {
		t.Fatalf("segments after reopen: %v, want the first two of %v gone", got, before)
	}
	if _, err := os.Stat(filepath.Join(dir, cursorTemp)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("stale %s left: %v", cursorTemp, err)
	}
	recs, _ := readAll(t, s, 100)
	wantNumbered(t, recs, 12, 20)
}
