package adserver

import (
	"errors"
	"sync"
	"sync/atomic"

	"github.com/valyala/fasthttp"
)

// ReadyCheck is one condition of readiness (GET /readyz): Check returns
// nil when it holds, else why not. Checks run on every probe, so they
// must be cheap and must not block.
type ReadyCheck struct {
	Name  string // names the condition in a 503 answer: "event_spool"
	Check func() error
}

// Errors the built-in readiness checks report.
var (
	ErrNotServing   = errors.New("the listener is not serving yet")
	ErrShuttingDown = errors.New("shutting down: draining in-flight requests")
	ErrNoSnapshot   = errors.New("no campaign snapshot applied yet")
	errNoCheckFunc  = errors.New("check has no function")
)

// readiness holds the listener state and the registered checks.
type readiness struct {
	serving  atomic.Bool
	stopping atomic.Bool
	mu       sync.Mutex
	checks   []ReadyCheck
}

// AddReadyCheck adds a condition /readyz requires. Safe to call while the
// server runs (a render queue or a snapshot follower registers late).
func (s *Server) AddReadyCheck(c ReadyCheck) {
	s.ready.mu.Lock()
	s.ready.checks = append(s.ready.checks, c)
	s.ready.mu.Unlock()
}

// NotReady is one failing check in a 503 answer.
type NotReady struct {
	Check string `json:"check"`
	Error string `json:"error"`
}

// readyAnswer is the body of /readyz.
type readyAnswer struct {
	Status   string     `json:"status"` // "ready" or "not_ready"
	NotReady []NotReady `json:"not_ready,omitempty"`
}

// Ready runs every readiness check and returns the failing ones, empty
// when the server should receive traffic: the listener is serving and not
// shutting down, a campaign snapshot is applied (when campaigns are
// decided here), and every registered check passes.
func (s *Server) Ready() []NotReady {
	var out []NotReady
	fail := func(name string, err error) {
		if err != nil {
			out = append(out, NotReady{Check: name, Error: err.Error()})
		}
	}
	switch {
	case s.ready.stopping.Load():
		fail("listener", ErrShuttingDown)
	case !s.ready.serving.Load():
		fail("listener", ErrNotServing)
	}
	if s.engine != nil && s.engine.Snapshot() == nil {
		fail("campaign_snapshot", ErrNoSnapshot)
	}
	s.ready.mu.Lock()
	checks := s.ready.checks[:len(s.ready.checks):len(s.ready.checks)]
	s.ready.mu.Unlock()
	for _, c := range checks {
		if c.Check == nil {
			fail(c.Name, errNoCheckFunc)
			continue
		}
		fail(c.Name, c.Check())
	}
	return out
}

// healthz answers liveness: the process is up and its handler runs.
func healthz(ctx *fasthttp.RequestCtx) {
	ctx.SetContentType("application/json")
	ctx.SetBodyString(`{"status":"ok"}`)
}

// readyz answers readiness: 200 when every check passes, else 503 naming
// what is not ready.
func (s *Server) readyz(ctx *fasthttp.RequestCtx) {
	ctx.Response.Header.Set("Cache-Control", "no-store")
	if failing := s.Ready(); len(failing) > 0 {
		writeJSON(ctx, fasthttp.StatusServiceUnavailable, readyAnswer{Status: "not_ready", NotReady: failing})
		return
	}
	writeJSON(ctx, fasthttp.StatusOK, readyAnswer{Status: "ready"})
}
