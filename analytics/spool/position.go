package spool

// position is a place in the log: the record with sequence number seq,
// which starts at byte off of the segment whose first record is seg.
type position struct {
	seg uint64
	off int64
	seq uint64
}

// bytesBetween is the log bytes from a to b (a <= b), read off the
// segment sizes; every segment from a.seg to b.seg must be in segs.
func bytesBetween(segs []segment, a, b position) int64 {
	i, _ := findSegment(segs, a.seg)
	n := -a.off
	for ; i < len(segs) && segs[i].base < b.seg; i++ {
		n += segs[i].size
	}
	return n + b.off
}
