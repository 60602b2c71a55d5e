package scte35

// bitReader reads big-endian bit fields from a byte slice. A read past the
// end sets overrun and yields zeros, so a decoder checks once per structure
// rather than after every field, and no length taken from hostile input can
// index out of range.
type bitReader struct {
	buf     []byte
	pos     int // bits consumed
	overrun bool
}

// bits reads an n-bit unsigned field, n <= 64.
func (r *bitReader) bits(n int) uint64 {
	if r.overrun || n > len(r.buf)*8-r.pos {
		r.overrun = true
		return 0
	}
	var v uint64
	for n > 0 {
		used := r.pos & 7
		avail := 8 - used
		take := min(avail, n)
		chunk := uint64(r.buf[r.pos>>3]>>(avail-take)) & (1<<take - 1)
		v = v<<take | chunk
		r.pos += take
		n -= take
	}
	return v
}

// skip passes over n bits.
func (r *bitReader) skip(n int) {
	if r.overrun || n > len(r.buf)*8-r.pos {
		r.overrun = true
		return
	}
	r.pos += n
}

func (r *bitReader) flag() bool { return r.bits(1) == 1 }

// bytes returns a copy of the next n bytes, or nil when n is 0 or the data
// ends first. Decoded sections never alias the caller's buffer.
func (r *bitReader) bytes(n int) []byte {
	if n == 0 {
		return nil
	}
	if r.overrun || n > r.left() {
		r.overrun = true
		return nil
	}
	out := make([]byte, n)
	if r.pos&7 == 0 {
		copy(out, r.buf[r.pos>>3:])
		r.pos += n * 8
		return out
	}
	for i := range out {
		out[i] = byte(r.bits(8))
	}
	return out
}

// left is the number of whole bytes not yet read.
func (r *bitReader) left() int { return (len(r.buf)*8 - r.pos) / 8 }

// consumed is the number of bytes read, counting a partly read byte.
func (r *bitReader) consumed() int { return (r.pos + 7) / 8 }
