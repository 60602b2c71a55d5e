package adserver

import (
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"
)

// slowRequest is the handler time past which a request is logged.
const slowRequest = time.Second

// problemLinesPerSecond bounds the failed and slow request lines per route
// and second: an origin outage fails every playlist request, and the log
// must not cost more than the outage.
const problemLinesPerSecond = 10

// requestObserver is what Handler does around every request: give it an
// id, count it by route and status class, time it, and log it when it
// failed, was slow, or the access log is on. Only the logging allocates.
type requestObserver struct {
	metrics   requestCounters
	ids       *requestIDs
	log       *slog.Logger
	accessLog bool // log.requests: one line per request
	failed    [numRoutes]logLimiter
	slow      [numRoutes]logLimiter
}

func newRequestObserver(log *slog.Logger, accessLog bool) *requestObserver {
	return &requestObserver{ids: newRequestIDs(), log: log, accessLog: accessLog}
}

// inFlight is a request being observed, returned by begin for end.
type inFlight struct {
	route route
	start time.Time
}

func (o *requestObserver) begin(ctx *fasthttp.RequestCtx, path string) inFlight {
	o.ids.set(ctx)
	o.metrics.inFlight.Add(1)
	// fasthttp stamps the request just before calling the handler; a
	// RequestCtx driven by hand (benchmarks) has no stamp.
	start := ctx.Time()
	if start.IsZero() {
		start = time.Now()
	}
	return inFlight{route: routeOf(path), start: start}
}

func (o *requestObserver) end(ctx *fasthttp.RequestCtx, r inFlight) {
	d := time.Since(r.start)
	status := ctx.Response.StatusCode()
	o.metrics.inFlight.Add(-1)
	o.metrics.observe(r.route, status, d)
	switch {
	case status >= 500:
		o.problem(ctx, &o.failed[r.route], slog.LevelError, "request failed", r.route, status, d)
	case d > slowRequest:
		o.problem(ctx, &o.slow[r.route], slog.LevelWarn, "slow request", r.route, status, d)
	case o.accessLog:
		o.line(ctx, slog.LevelInfo, "request", r.route, status, d, 0)
	}
}

// problem logs a failed or slow request, at most problemLinesPerSecond a
// route unless the access log is on (then every request has its line).
func (o *requestObserver) problem(ctx *fasthttp.RequestCtx, lim *logLimiter, level slog.Level, msg string, r route, status int, d time.Duration) {
	suppressed := int64(0)
	if !o.accessLog {
		var ok bool
		if ok, suppressed = lim.allow(time.Now()); !ok {
			return
		}
	}
	o.line(ctx, level, msg, r, status, d, suppressed)
}

func (o *requestObserver) line(ctx *fasthttp.RequestCtx, level slog.Level, msg string, r route, status int, d time.Duration, suppressed int64) {
	attrs := []slog.Attr{
		slog.String("request_id", requestID(ctx)),
		slog.String("method", string(ctx.Method())),
		slog.String("route", r.String()),
		slog.String("path", redactPath(string(ctx.Path()), r)),
		slog.Int("status", status),
		slog.Float64("duration_ms", float64(d.Microseconds())/1000),
	}
	if suppressed > 0 {
		attrs = append(attrs, slog.Int64("suppressed", suppressed))
	}
	o.log.LogAttrs(reqContext, level, msg, attrs...)
}

// redactPath hides the session token in a path: tokens are credentials
// and viewer data, and logs outlive sessions.
func redactPath(path string, r route) string {
	var prefix string
	switch r {
	case routeMaster, routeMedia, routeAdSegment:
		prefix = "/v1/s/"
	case routeTracking:
		prefix = "/v1/tracking/"
	case routeEvents:
		prefix = "/v1/events/"
	case routeDecisions:
		prefix = "/v1/sessions/"
	default:
		return path
	}
	rest, ok := strings.CutPrefix(path, prefix)
	if !ok {
		return path // the implicit-session master: no token in the path
	}
	_, tail, found := strings.Cut(rest, "/")
	if !found {
		return prefix + "-"
	}
	return prefix + "-/" + tail
}

// logLimiter lets at most problemLinesPerSecond lines through a second
// and counts the others, reported on the next line let through.
type logLimiter struct {
	second, lines, skipped atomic.Int64
}

func (l *logLimiter) allow(now time.Time) (ok bool, skipped int64) {
	s := now.Unix()
	if old := l.second.Load(); old != s && l.second.CompareAndSwap(old, s) {
		l.lines.Store(0)
	}
	if l.lines.Add(1) > problemLinesPerSecond {
		l.skipped.Add(1)
		return false, 0
	}
	return true, l.skipped.Swap(0)
}
