package sqlitestore

import "math/bits"

// idFilter is a Bloom filter of the ids event_keys lists, by their keys
// (eventKey): an appended id it has not seen is new without an index
// lookup; only the ones it may have seen (0.1% of new ids per part, and
// late copies of events) are looked up. It grows by adding filters twice
// as big as the last, so that its rate of false positives stays put as
// event_keys grows.
type idFilter struct {
	parts []filterPart
}

// filterPart is a blocked Bloom filter: an id sets filterProbes bits of
// one 512-bit block, a cache line.
type filterPart struct {
	blocks   [][8]uint64
	n, limit int
}

const (
	filterBitsPerID = 16 // with filterProbes, about 0.1% false positives per part
	filterProbes    = 7
	filterMinIDs    = 1 << 16
)

// add adds the id of key h.
func (f *idFilter) add(h uint64) {
	if n := len(f.parts); n == 0 || f.parts[n-1].n >= f.parts[n-1].limit {
		limit := filterMinIDs
		if n > 0 {
			limit = 2 * f.parts[n-1].limit
		}
		f.parts = append(f.parts, filterPart{blocks: make([][8]uint64, limit*filterBitsPerID/512), limit: limit})
	}
	p := &f.parts[len(f.parts)-1]
	p.set(h)
	p.n++
}

// count is how many ids were added (none to a nil filter).
func (f *idFilter) count() int {
	if f == nil {
		return 0
	}
	n := 0
	for i := range f.parts {
		n += f.parts[i].n
	}
	return n
}

// mayHold reports whether an id of key h may have been added; false is
// certain.
func (f *idFilter) mayHold(h uint64) bool {
	for i := range f.parts {
		if f.parts[i].has(h) {
			return true
		}
	}
	return false
}

// block picks h's block with h's high bits; probe bits come from a
// remix of h, so the two do not correlate.
func (p *filterPart) block(h uint64) (*[8]uint64, uint64) {
	i, _ := bits.Mul64(h, uint64(len(p.blocks)))
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return &p.blocks[i], h
}

func (p *filterPart) set(h uint64) {
	b, probes := p.block(h)
	for range filterProbes {
		bit := probes & 511
		b[bit/64] |= 1 << (bit % 64)
		probes >>= 9
	}
}

func (p *filterPart) has(h uint64) bool {
	b, probes := p.block(h)
	for range filterProbes {
		bit := probes & 511
		if b[bit/64]&(1<<(bit%64)) == 0 {
			return false
		}
		probes >>= 9
	}
	return true
}
