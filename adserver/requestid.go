package adserver

import (
	"crypto/rand"
	"encoding/base32"
	"strconv"
	"sync/atomic"

	"github.com/valyala/fasthttp"
)

// HeaderRequestID carries a request's id: honoured when a client or proxy
// sends a sane one, generated otherwise, and echoed in every answer.
const HeaderRequestID = "X-Request-Id"

var headerRequestID = []byte(HeaderRequestID)

// maxRequestIDLen bounds an incoming id: longer ones are replaced.
const maxRequestIDLen = 128

// requestIDs makes ids unique across instances without crypto per
// request: a random instance prefix chosen at start, then a counter.
type requestIDs struct {
	prefix string // "k3x9q2mf-"
	n      atomic.Uint64
}

func newRequestIDs() *requestIDs {
	var b [5]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand panics rather than return an error)
	enc := base32.NewEncoding("0123456789abcdefghijklmnopqrstuv").WithPadding(base32.NoPadding)
	return &requestIDs{prefix: enc.EncodeToString(b[:]) + "-"}
}

// next appends a fresh id to dst.
func (g *requestIDs) next(dst []byte) []byte {
	dst = append(dst, g.prefix...)
	return strconv.AppendUint(dst, g.n.Add(1), 36)
}

// saneRequestID reports whether an incoming id may be echoed and logged:
// 1 to 128 bytes of letters, digits and -_.:=+/ (UUIDs, W3C trace ids and
// load-balancer trace headers fit; quotes, spaces and control bytes that
// would forge log lines or headers do not).
func saneRequestID(id []byte) bool {
	if len(id) == 0 || len(id) > maxRequestIDLen {
		return false
	}
	for _, c := range id {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-', c == '_', c == '.', c == ':', c == '=', c == '+', c == '/':
		default:
			return false
		}
	}
	return true
}

// setRequestID gives the answer its request id: the caller's when sane,
// else a new one. It does not allocate.
func (g *requestIDs) set(ctx *fasthttp.RequestCtx) {
	if in := ctx.Request.Header.PeekBytes(headerRequestID); saneRequestID(in) {
		ctx.Response.Header.SetCanonical(headerRequestID, in)
		return
	}
	var buf [40]byte
	ctx.Response.Header.SetCanonical(headerRequestID, g.next(buf[:0]))
}

// requestID is the id setRequestID gave ctx's answer.
func requestID(ctx *fasthttp.RequestCtx) string {
	return string(ctx.Response.Header.PeekBytes(headerRequestID))
}

// serveMount runs a mounted handler, keeping the request id on its answer:
// a handler may reset the whole response (fasthttp's FS does for a 304).
func serveMount(ctx *fasthttp.RequestCtx, h fasthttp.RequestHandler) {
	var keep [maxRequestIDLen]byte
	id := append(keep[:0], ctx.Response.Header.PeekBytes(headerRequestID)...)
	h(ctx)
	if len(id) > 0 && len(ctx.Response.Header.PeekBytes(headerRequestID)) == 0 {
		ctx.Response.Header.SetCanonical(headerRequestID, id)
	}
}
