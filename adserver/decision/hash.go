package decision

// Hashes here must be stable across processes and releases: decisions are
// cached and must agree between instances, so no maphash and no random seed.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnvString is FNV-1a over s, continuing from h.
func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// fnvBytes16 is FNV-1a over an id, continuing from h.
func fnvBytes16(h uint64, b *[16]byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// mix is the splitmix64 finalizer: it spreads a combined seed so that
// ranks of different campaigns under one seed look independent.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// decisionSeed is the per-(session, break) seed every rank derives from.
func decisionSeed(session *[16]byte, breakID string) uint64 {
	h := fnvBytes16(fnvOffset, session)
	h ^= 0xff // separator: no session/break pair collides by concatenation
	h *= fnvPrime
	return fnvString(h, breakID)
}
