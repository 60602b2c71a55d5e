package session

import (
	"crypto/hmac"
	"encoding/binary"
	"time"
	"unsafe"
)

// Open verifies token and decodes it into c, which it resets first. It
// returns ErrMalformed, ErrUnknownKey, ErrForged or ErrExpired (unwrapped,
// so errors.Is and == both work) and leaves c reset on error.
//
// Open is on the hot path: reusing c, it does not allocate. The strings it
// sets point into c's scratch buffer (see Context).
func (k *Keyring) Open(token []byte, c *Context, now time.Time) error {
	c.Reset()
	if err := k.open(token, c, now); err != nil {
		c.Reset()
		return err
	}
	return nil
}

func (k *Keyring) open(token []byte, c *Context, now time.Time) error {
	if len(token) == 0 || len(token) > MaxTokenLen {
		return ErrMalformed
	}
	if cap(c.raw) < maxRawLen {
		c.raw = make([]byte, 0, maxRawLen)
	}
	raw := c.raw[:maxRawLen]
	n, err := tokenEncoding.Decode(raw, token)
	// The length check rejects tokens with CR or LF, which the decoder skips.
	if err != nil || tokenEncoding.EncodedLen(n) != len(token) {
		return ErrMalformed
	}
	raw = raw[:n]
	c.raw = raw
	if n < 3+tagLen || raw[0] != version {
		return ErrMalformed
	}
	idLen := int(raw[1])
	if idLen == 0 || idLen > MaxKeyIDLen || 2+idLen > n-tagLen {
		return ErrMalformed
	}
	ks := k.lookup(raw[2 : 2+idLen])
	if ks == nil {
		return ErrUnknownKey
	}
	body := raw[:n-tagLen]
	if !hmac.Equal(ks.tag(&c.sum, body), raw[n-tagLen:]) {
		return ErrForged
	}
	if !c.decodeFields(body[2+idLen:]) {
		return ErrMalformed
	}
	if c.Created < now.Unix()-k.ttl {
		return ErrExpired
	}
	return nil
}

// decodeFields parses everything between the key id and the tag. A token
// that passed the HMAC check can still be malformed if a future or buggy
// sealer wrote it, so every bound is checked.
func (c *Context) decodeFields(b []byte) bool {
	d := decoder{b: b, ok: true}
	flags := d.byte()
	if flags&^flagViewer != 0 {
		return false
	}
	d.copy(c.ID[:])
	if flags&flagViewer != 0 {
		d.copy(c.Viewer[:])
	}
	c.Created = d.varint()
	off := d.varint()
	if off < -1<<15 || off >= 1<<15 {
		return false
	}
	c.UTCOffset = int16(off)
	c.Stream = d.string()
	c.Country = d.string()
	c.Region = d.string()
	c.City = d.string()
	count := d.uvarint()
	if count > MaxInterests {
		return false
	}
	interests := c.interests[:0]
	for range count {
		interests = append(interests, d.string())
	}
	c.interests = interests
	if count > 0 {
		c.Interests = interests
	}
	c.Device = d.string()
	return d.ok && len(d.b) == 0
}

// decoder reads token fields; after the first error ok is false and every
// read returns a zero value.
type decoder struct {
	b  []byte
	ok bool
}

func (d *decoder) fail() { d.ok, d.b = false, nil }

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail()
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *decoder) copy(dst []byte) {
	if len(d.b) < len(dst) {
		d.fail()
		return
	}
	d.b = d.b[copy(dst, d.b):]
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// string returns the next length-prefixed string as a view of the token
// buffer, without copying.
func (d *decoder) string() string {
	n := d.uvarint()
	if n > MaxStringLen || n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&d.b[0], int(n))
	d.b = d.b[n:]
	return s
}
