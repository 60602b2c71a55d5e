package scte35

// bitWriter appends big-endian bit fields to a byte slice. Callers validate
// values first: bits keeps only the low n bits of v.
type bitWriter struct {
	buf  []byte
	free int // unused low bits of the last byte
}

func (w *bitWriter) bits(v uint64, n int) {
	for n > 0 {
		if w.free == 0 {
			w.buf = append(w.buf, 0)
			w.free = 8
		}
		take := min(w.free, n)
		chunk := byte((v >> (n - take)) & (1<<take - 1))
		w.buf[len(w.buf)-1] |= chunk << (w.free - take)
		w.free -= take
		n -= take
	}
}

func (w *bitWriter) flag(b bool) {
	var v uint64
	if b {
		v = 1
	}
	w.bits(v, 1)
}

// reserved writes n reserved bits, which SCTE 35 sets to '1'.
func (w *bitWriter) reserved(n int) { w.bits(1<<n-1, n) }

func (w *bitWriter) bytes(p []byte) {
	if w.free == 0 {
		w.buf = append(w.buf, p...)
		return
	}
	for _, b := range p {
		w.bits(uint64(b), 8)
	}
}
