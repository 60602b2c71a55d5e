package session

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
)

// Context is what a session token carries about the viewer.
//
// After Open, the strings (Stream, Country, Region, City, Interests, Device)
// point into the Context's own scratch buffer: they are valid until the next
// Open or Reset of this Context. Copy them (strings.Clone) to keep them
// longer, e.g. in an event handed to another goroutine. A Context is not
// safe for concurrent use; pool one per request.
type Context struct {
	ID        [16]byte // random session id (NewID)
	Viewer    [16]byte // ViewerHash of the viewer id; zero if none
	Stream    string
	Created   int64 // unix seconds; the token expires Created + TTL
	UTCOffset int16 // minutes east of UTC, viewer's local time
	Country   string
	Region    string
	City      string
	Interests []string
	Device    string // e.g. tv, mobile, desktop, tablet, other

	raw       []byte            // decoded token; Open's strings point here
	interests []string          // backing array for Interests, reused by Open
	sum       [sha256.Size]byte // HMAC output, kept here so it does not escape per call
}

// Reset clears c but keeps its scratch buffers for the next Open.
func (c *Context) Reset() {
	raw, interests := c.raw, c.interests
	*c = Context{raw: raw[:0], interests: interests[:0]}
}

// IDString returns the session id as 32 hex characters. It allocates; use
// AppendID on the hot path.
func (c *Context) IDString() string { return hex.EncodeToString(c.ID[:]) }

// AppendID appends the session id as 32 hex characters to dst.
func (c *Context) AppendID(dst []byte) []byte { return hex.AppendEncode(dst, c.ID[:]) }

// NewID returns a random session id.
func NewID() [16]byte {
	var id [16]byte
	_, _ = rand.Read(id[:]) // never fails: crypto/rand crashes the program instead
	return id
}

// viewerDomain separates viewer hashes from any other use of SHA-256 over
// the same ids.
const viewerDomain = "adstitch/viewer\x00"

// ViewerHash returns sha256("adstitch/viewer\x00" + viewerID)[:16], so tokens
// and events never carry the raw viewer id; the zero array for "".
func ViewerHash(viewerID string) [16]byte {
	var out [16]byte
	if viewerID == "" {
		return out
	}
	h := sha256.New()
	h.Write([]byte(viewerDomain))
	h.Write([]byte(viewerID))
	var sum [sha256.Size]byte
	copy(out[:], h.Sum(sum[:0]))
	return out
}
