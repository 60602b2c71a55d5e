package session

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"sync"
)

// tokenEncoding is strict so every token has exactly one spelling: a
// flipped unused bit in the last character is rejected, not ignored.
var tokenEncoding = base64.RawURLEncoding.Strict()

// sealScratch holds one token being built, so AppendSeal does not allocate.
type sealScratch struct {
	raw []byte
	sum [sha256.Size]byte
}

var sealPool = sync.Pool{New: func() any { return &sealScratch{raw: make([]byte, 0, maxRawLen)} }}

// Seal returns c as a token signed with the active key. It fails, wrapping
// ErrInvalid, when c exceeds the token limits or has no Created time.
func (k *Keyring) Seal(c *Context) (string, error) {
	b, err := k.AppendSeal(make([]byte, 0, 128), c)
	return string(b), err
}

// AppendSeal appends c's token to dst, like Seal. It does not allocate when
// dst has room.
func (k *Keyring) AppendSeal(dst []byte, c *Context) ([]byte, error) {
	if err := c.sealable(); err != nil {
		return dst, err
	}
	s := sealPool.Get().(*sealScratch)
	defer sealPool.Put(s)
	raw := append(s.raw[:0], version, byte(len(k.active.id)))
	raw = append(raw, k.active.id...)
	var flags byte
	if c.Viewer != ([16]byte{}) {
		flags |= flagViewer
	}
	raw = append(raw, flags)
	raw = append(raw, c.ID[:]...)
	if flags&flagViewer != 0 {
		raw = append(raw, c.Viewer[:]...)
	}
	raw = binary.AppendVarint(raw, c.Created)
	raw = binary.AppendVarint(raw, int64(c.UTCOffset))
	raw = appendString(raw, c.Stream)
	raw = appendString(raw, c.Country)
	raw = appendString(raw, c.Region)
	raw = appendString(raw, c.City)
	raw = binary.AppendUvarint(raw, uint64(len(c.Interests)))
	for _, in := range c.Interests {
		raw = appendString(raw, in)
	}
	raw = appendString(raw, c.Device)
	s.raw = raw
	if len(raw)+tagLen > maxRawLen {
		return dst, fmt.Errorf("%w: token would be %d bytes, max %d", ErrInvalid, tokenEncoding.EncodedLen(len(raw)+tagLen), MaxTokenLen)
	}
	raw = append(raw, k.active.tag(&s.sum, raw)...)
	s.raw = raw
	return tokenEncoding.AppendEncode(dst, raw), nil
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

// sealable checks the per-field limits; the total size is checked once the
// token is built.
func (c *Context) sealable() error {
	if c.Created <= 0 {
		return fmt.Errorf("%w: created is not set", ErrInvalid)
	}
	for _, f := range [...]struct{ name, v string }{
		{"stream", c.Stream}, {"country", c.Country}, {"region", c.Region}, {"city", c.City}, {"device", c.Device},
	} {
		if len(f.v) > MaxStringLen {
			return fmt.Errorf("%w: %s is %d bytes, max %d", ErrInvalid, f.name, len(f.v), MaxStringLen)
		}
	}
	if len(c.Interests) > MaxInterests {
		return fmt.Errorf("%w: %d interests, max %d", ErrInvalid, len(c.Interests), MaxInterests)
	}
	for i, in := range c.Interests {
		if len(in) > MaxStringLen {
			return fmt.Errorf("%w: interest %d is %d bytes, max %d", ErrInvalid, i, len(in), MaxStringLen)
		}
	}
	return nil
}
