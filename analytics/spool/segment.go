package spool

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

const segmentExt = ".seg"

// segment is one file of the log, named by its first record's sequence
// number. size counts written bytes only: the reader never sees a record
// before its write returned (fsynced too with FsyncEach), so whatever it
// delivers survives the process being killed. Every segment but the last
// is sealed: its size is final.
type segment struct {
	base uint64
	size int64
}

func segmentName(base uint64) string { return fmt.Sprintf("%020d%s", base, segmentExt) }

// parseSegmentName returns the base of a segment file name; ok is false for
// any other file.
func parseSegmentName(name string) (base uint64, ok bool) {
	digits, found := strings.CutSuffix(name, segmentExt)
	if !found || len(digits) != 20 {
		return 0, false
	}
	base, err := strconv.ParseUint(digits, 10, 64)
	return base, err == nil
}

// listSegments returns the segments in dir in log order, sized as on disk.
func listSegments(dir string) ([]segment, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("list spool %s: %w", dir, err)
	}
	var segs []segment
	for _, e := range entries {
		base, ok := parseSegmentName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return nil, fmt.Errorf("stat segment %s: %w", filepath.Join(dir, e.Name()), err)
		}
		segs = append(segs, segment{base: base, size: info.Size()})
	}
	slices.SortFunc(segs, func(a, b segment) int { return cmp.Compare(a.base, b.base) })
	return segs, nil
}

// findSegment returns the index of the segment whose first record is base.
func findSegment(segs []segment, base uint64) (int, bool) {
	return slices.BinarySearchFunc(segs, base, func(s segment, b uint64) int { return cmp.Compare(s.base, b) })
}

// syncDir makes creations, renames and removals in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open dir %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("fsync dir %s: %w", dir, err)
	}
	return nil
}
