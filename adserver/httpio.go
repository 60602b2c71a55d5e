package adserver

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/valyala/fasthttp"
)

// setCORS lets web players on any origin fetch playlists, segments and the
// session API (hls.js, Shaka and video.js run on the publisher's domain).
// Every answer carries these, so they are set by canonical name: Set would
// normalize the names again on each request.
func setCORS(ctx *fasthttp.RequestCtx) {
	h := &ctx.Response.Header
	h.SetCanonical(corsAllowOrigin, corsAnyOrigin)
	if ctx.IsOptions() {
		h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Content-Type, Authorization, Range")
		h.Set("Access-Control-Max-Age", "86400")
	}
	h.SetCanonical(corsExposeHeaders, corsExposed)
}

var (
	corsAllowOrigin   = []byte("Access-Control-Allow-Origin")
	corsAnyOrigin     = []byte("*")
	corsExposeHeaders = []byte("Access-Control-Expose-Headers")
	corsExposed       = []byte("Content-Length, Content-Range, ETag")
)

// apiError is the JSON body of every error answer.
type apiError struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

func jsonError(ctx *fasthttp.RequestCtx, status int, code, msg string) {
	ctx.Response.Header.Del("Content-Encoding")
	ctx.SetStatusCode(status)
	ctx.SetContentType("application/json")
	b, _ := json.Marshal(apiError{Error: msg, Code: code})
	ctx.SetBody(b)
}

func writeJSON(ctx *fasthttp.RequestCtx, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		jsonError(ctx, fasthttp.StatusInternalServerError, "internal", "encoding the answer failed")
		return
	}
	ctx.SetStatusCode(status)
	ctx.SetContentType("application/json")
	ctx.SetBody(b)
}

// throttle keeps per-request problems from flooding the log: one line per
// key per period, with a count of what was suppressed.
type throttle struct {
	period time.Duration
	mu     sync.Mutex
	last   map[string]time.Time
	skip   map[string]int
}

func newThrottle(p time.Duration) *throttle {
	return &throttle{period: p, last: map[string]time.Time{}, skip: map[string]int{}}
}

func (t *throttle) warn(l *slog.Logger, key, msg string, args ...any) {
	t.mu.Lock()
	now := time.Now()
	if now.Sub(t.last[key]) < t.period {
		t.skip[key]++
		t.mu.Unlock()
		return
	}
	skipped := t.skip[key]
	t.last[key], t.skip[key] = now, 0
	if len(t.last) > 10_000 {
		t.last, t.skip = map[string]time.Time{}, map[string]int{}
	}
	t.mu.Unlock()
	l.Warn(msg, append(args, "suppressed", skipped)...)
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// reqContext is the context data-plane work runs under. It is not derived
// from fasthttp's RequestCtx: a context derived from it reads the server's
// done channel from another goroutine, which races with Shutdown. Every
// such call is bounded by its own time-out instead.
var reqContext = context.Background()

// splitPath splits a URL path tail at '/' into exactly len(dst) parts
// without allocating (beacon routes parse one per request); false when
// the count differs.
func splitPath(s string, dst []string) bool {
	last := len(dst) - 1
	for i := range last {
		j := strings.IndexByte(s, '/')
		if j < 0 {
			return false
		}
		dst[i], s = s[:j], s[j+1:]
	}
	dst[last] = s
	return strings.IndexByte(s, '/') < 0
}
