package variants

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
)

// keyLen is the length of a variant ID: 16 bytes of SHA-256, in hex.
const keyLen = 32

// Key is the content address of a variant: SHA-256 over the parts, hex,
// first 32 characters. Each part is length-prefixed before hashing, so
// ("ab", "c") and ("a", "bc") differ. The encoding is part of the on-disk
// format: changing it orphans every rendered variant.
//
// Key allocates only its result; callers on the decision path compute it
// once per decision, not per request.
func Key(parts ...string) string {
	var buf [512]byte // spills to the heap only for very long parts
	b := buf[:0]
	for _, p := range parts {
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
	}
	sum := sha256.Sum256(b)
	var out [keyLen]byte
	hex.Encode(out[:], sum[:keyLen/2])
	return string(out[:])
}

// validID reports whether id looks like a Key result. Only such names are
// used as directory names, so an ID can never escape Config.Dir and
// anything else in the data dir is left alone.
func validID(id string) bool {
	if len(id) != keyLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
