package adserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/decision"
	"github.com/adstitch/adstitch/adserver/geo"
	"github.com/adstitch/adstitch/adserver/origin"
	"github.com/adstitch/adstitch/adserver/session"
	"github.com/adstitch/adstitch/adserver/vast"
	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/configs"
	"github.com/adstitch/adstitch/manifest"
)

// Deps is what a Server is built from. Config, Keyring and Log are required.
type Deps struct {
	Config   *configs.Config
	Keyring  *session.Keyring
	Log      *slog.Logger
	Recorder analytics.Recorder // nil: events are logged
	Geo      *geo.DB            // nil: no geo lookup
	Decider  Decider            // nil: fill ads only
	Reports  analytics.Reporter // nil: /v1/reports answers 503
	Metrics  []MetricsWriter    // samples served at /metrics
	Control  ControlPlane       // nil: no marketer API on this instance
	Engine   *decision.Engine   // nil: house ads only; else campaigns first (ApplySnapshot)
	Variants *VariantDeps       // nil: creatives rendered from spots are not played
	// Mounts are extra handlers by path prefix, e.g. the demo origin at "/origin/".
	Mounts map[string]fasthttp.RequestHandler
	Now    func() time.Time
	// HTTPClient fetches ad segments in proxy mode (default: a client with the origin timeout).
	HTTPClient *http.Client
}

// Server is the data plane. It holds no per-session state: everything a
// request needs is in its token, the origin caches and the decisions cache.
type Server struct {
	cfg           *configs.Config
	keys          *session.Keyring
	log           *slog.Logger
	rec           analytics.Recorder
	geo           *geo.DB
	decider       Decider
	reports       analytics.Reporter
	metricWriters []MetricsWriter
	control       ControlPlane
	personalize   *personalizer // nil: no variants
	engine        *decision.Engine
	external      *ExternalDecider
	streams       map[string]*stream
	ads           *adCatalog
	slate         string // ad id of the slate, "" for none
	decisions     *decisionCache
	mounts        []mount
	now           func() time.Time
	allow         map[string]bool
	client        *http.Client
	throttle      *throttle
	adMasters     *origin.Cache[*manifest.Master]
	adMedias      *origin.Cache[*manifest.Media]
	srv           *fasthttp.Server
	reqs          *requestObserver // ids, per-route metrics, request logs
	ready         readiness
	decisionStats decisionMetrics
}

type mount struct {
	prefix string
	h      fasthttp.RequestHandler
}

// HouseCampaign is the campaign (and advertiser) id fill ads report under.
const HouseCampaign = "house"

// slateID names the slate in ad-segment URLs; fill ids cannot collide with
// it because config ids are [a-z0-9-]+.
const slateID = "_slate"

// New builds a server from validated configuration.
func New(d Deps) (*Server, error) {
	cfg := d.Config
	if cfg == nil || d.Keyring == nil || d.Log == nil {
		return nil, errors.New("adserver: Config, Keyring and Log are required")
	}
	s := &Server{
		cfg: cfg, keys: d.Keyring, log: d.Log, rec: d.Recorder, geo: d.Geo, reports: d.Reports, metricWriters: d.Metrics, control: d.Control, engine: d.Engine,
		streams: map[string]*stream{}, decisions: newDecisionCache(100_000), now: d.Now,
		allow: map[string]bool{}, client: d.HTTPClient, throttle: newThrottle(10 * time.Second),
		reqs: newRequestObserver(d.Log, cfg.Log.Requests),
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.rec == nil {
		s.rec = analytics.LogRecorder{Log: d.Log}
	}
	for _, h := range cfg.OriginsAllow {
		s.allow[h] = true
	}
	if s.client == nil {
		s.client = &http.Client{
			Timeout: time.Duration(cfg.Origin.Timeout) * 4,
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		}
	}
	allow := cfg.OriginsAllow
	if d.Variants != nil { // rendered variants are fetched like any ad
		if u, err := url.Parse(cfg.Variants.URLPrefix); err == nil && u.Host != "" {
			allow = append(slices.Clip(allow), hostPort(u))
			s.allow[hostPort(u)] = true
		}
	}
	oo := origin.Options{
		Allow: allow, Timeout: time.Duration(cfg.Origin.Timeout),
		MaxBytes: cfg.Origin.MaxPlaylistBytes, StaleFor: time.Duration(cfg.Origin.StaleFor),
		Logger: d.Log, Now: s.now, // one clock for freshness and sessions
	}
	vodTTL := time.Duration(cfg.Origin.VODTTL)
	s.adMasters = origin.NewCache(oo, func(url string, body []byte) (*manifest.Master, time.Duration, error) {
		m, err := manifest.ParseMaster(body, url)
		return m, vodTTL, err
	})
	s.adMedias = origin.NewCache(oo, func(url string, body []byte) (*manifest.Media, time.Duration, error) {
		m, err := manifest.ParseMedia(body, url)
		return m, vodTTL, err
	})
	s.ads = newAdCatalog(s.adMasters, s.adMedias)
	var fill []string
	for _, f := range cfg.Fill {
		s.ads.add(&Ad{ID: f.ID, CreativeID: f.ID, Campaign: HouseCampaign, Advertiser: HouseCampaign, Master: f.HLS})
		fill = append(fill, f.ID)
	}
	if cfg.Slate != nil && cfg.Slate.HLS != "" {
		s.ads.add(&Ad{ID: slateID, Master: cfg.Slate.HLS})
		s.slate = slateID
	}
	s.decider = d.Decider
	if s.decider == nil {
		s.decider = &FillDecider{Ads: fill, Catalog: s.ads, Log: d.Log}
		if d.Engine != nil {
			genres := map[string]string{}
			for _, sc := range cfg.Streams {
				genres[sc.ID] = sc.Genre
			}
			cd := &CampaignDecider{Engine: d.Engine, Fill: s.decider, Genres: genres, Now: s.now}
			if d.Variants != nil {
				s.personalize = newPersonalizer(d.Variants, s.ads, newLadders(s.streamOrigin, d.Log, s.now), d.Log)
				cd.personalize = s.personalize
			}
			s.decider = cd
		}
		external := map[string]*configs.ExternalAds{}
		for _, sc := range cfg.Streams {
			if sc.Ads != nil {
				external[sc.ID] = sc.Ads
			}
		}
		if len(external) > 0 {
			allowHost := hostAllowed(s.allow)
			ext := &ExternalDecider{Streams: external, Client: &vast.Client{Allow: allowHost}, Catalog: s.ads,
				Next: s.decider, Log: d.Log, pinger: newPinger(allowHost)}
			s.decider, s.external = ext, ext
			s.metricWriters = append(s.metricWriters, ext.metrics)
		}
	}
	for _, sc := range cfg.Streams {
		s.streams[sc.ID] = newStream(sc, sc.Origin, oo, vodTTL)
	}
	for p, h := range d.Mounts {
		s.mounts = append(s.mounts, mount{prefix: p, h: h})
	}
	return s, nil
}

// Handler routes a request. Paths are matched by hand: the data plane's
// routes are few and fixed, and a router would allocate.
func (s *Server) Handler(ctx *fasthttp.RequestCtx) {
	// A view of the request's path bytes, valid while the handler runs:
	// nothing derived from it outlives the request without a copy.
	p := ctx.Path()
	path := unsafe.String(unsafe.SliceData(p), len(p))
	// Every answer carries a request id and is counted and timed by route.
	defer s.reqs.end(ctx, s.reqs.begin(ctx, path))
	setCORS(ctx)
	if !s.checkBody(ctx, path) {
		return
	}
	if ctx.IsOptions() {
		ctx.SetStatusCode(fasthttp.StatusNoContent)
		return
	}
	for _, m := range s.mounts {
		if strings.HasPrefix(path, m.prefix) {
			serveMount(ctx, m.h)
			return
		}
	}
	switch {
	case strings.HasPrefix(path, "/v1/s/"):
		s.sessionRoute(ctx, path[len("/v1/s/"):])
	case strings.HasPrefix(path, "/v1/master/"):
		s.implicitSession(ctx, path[len("/v1/master/"):])
	case path == "/v1/sessions":
		if !ctx.IsPost() {
			jsonError(ctx, fasthttp.StatusMethodNotAllowed, "method_not_allowed", "use POST")
			return
		}
		s.createSession(ctx)
	case strings.HasPrefix(path, "/v1/sessions/") && strings.HasSuffix(path, "/decisions"):
		s.decisionsRoute(ctx, strings.TrimSuffix(path[len("/v1/sessions/"):], "/decisions"))
	case strings.HasPrefix(path, "/v1/tracking/"):
		s.tracking(ctx, path[len("/v1/tracking/"):])
	case strings.HasPrefix(path, "/v1/events/"):
		s.clientEvent(ctx, path[len("/v1/events/"):])
	case strings.HasPrefix(path, "/v1/reports/campaigns/"):
		s.campaignReport(ctx, strings.Clone(path[len("/v1/reports/campaigns/"):]))
	case strings.HasPrefix(path, "/v1/variants/") && strings.Count(path, "/") > 3:
		s.variantFile(ctx, strings.Clone(path[len("/v1/variants/"):]))
	case path == "/v1/vast":
		s.vastPod(ctx)
	case path == "/metrics":
		s.metrics(ctx)
	case path == "/" && s.hasMount("/console/"):
		ctx.Redirect("/console/", fasthttp.StatusFound)
	case path == "/healthz":
		healthz(ctx)
	case path == "/readyz":
		s.readyz(ctx)
	default:
		if s.control != nil && s.control.Handle(ctx) {
			return
		}
		jsonError(ctx, fasthttp.StatusNotFound, "not_found", "no such route: "+path)
	}
}

// maxBody bounds request bodies except uploads'.
const maxBody = 1 << 20

// maxDiscard is how much of a refused body is read and dropped so that the
// client, still writing it, reads the refusal instead of a reset.
const maxDiscard = 16 << 20

// checkBody refuses, before anything buffers it, a body larger than
// maxBody (or of unknown length) on a route that is not an upload: with
// streamed bodies, reading one would otherwise buffer it whole.
func (s *Server) checkBody(ctx *fasthttp.RequestCtx, path string) bool {
	n := ctx.Request.Header.ContentLength()
	if n >= 0 && n <= maxBody || n == -2 {
		return true
	}
	if ctx.IsPost() && (path == "/v1/spots" || path == "/v1/images") {
		return true
	}
	ctx.SetConnectionClose()
	if body := ctx.RequestBodyStream(); body != nil {
		_, _ = io.CopyN(io.Discard, body, maxDiscard)
	}
	if n == -1 {
		jsonError(ctx, fasthttp.StatusLengthRequired, "length_required", "send a Content-Length: chunked bodies are accepted for uploads only")
		return false
	}
	jsonError(ctx, fasthttp.StatusRequestEntityTooLarge, "too_large", "request bodies are limited to 1 MiB here")
	return false
}

// hasMount reports whether a handler is mounted at prefix.
func (s *Server) hasMount(prefix string) bool {
	for _, m := range s.mounts {
		if m.prefix == prefix {
			return true
		}
	}
	return false
}

// sessionRoute serves /v1/s/{token}/...
func (s *Server) sessionRoute(ctx *fasthttp.RequestCtx, rest string) {
	token, tail, ok := strings.Cut(rest, "/")
	if !ok {
		jsonError(ctx, fasthttp.StatusNotFound, "not_found", "missing resource after session token")
		return
	}
	st := getState()
	defer putState(st)
	if !s.openToken(ctx, token, &st.sess) {
		return
	}
	switch {
	case tail == "master.m3u8":
		s.servePersonalMaster(ctx, st, token)
	case strings.HasPrefix(tail, "p/"):
		s.serveMedia(ctx, st, token, tail[2:])
	case strings.HasPrefix(tail, "a/"):
		s.serveAdSegment(ctx, st, tail[2:])
	default:
		jsonError(ctx, fasthttp.StatusNotFound, "not_found", "unknown session resource")
	}
}

// openToken verifies a session token into c, answering 403 when it is forged.
func (s *Server) openToken(ctx *fasthttp.RequestCtx, token string, c *session.Context) bool {
	// Open reads the token without keeping it; no copy is needed.
	err := s.keys.Open(unsafe.Slice(unsafe.StringData(token), len(token)), c, s.now())
	switch {
	case err == nil:
		return true
	case errors.Is(err, session.ErrExpired):
		jsonError(ctx, fasthttp.StatusForbidden, "session_expired", "the session has expired; start a new one")
	default:
		jsonError(ctx, fasthttp.StatusForbidden, "invalid_session", "the session token is invalid or was altered")
	}
	s.throttle.warn(s.log, "token", "rejected session token", "err", err, "remote", ctx.RemoteIP().String())
	return false
}

// ControlPlane is the marketer API (adserver/control/api) as the data
// plane mounts it: its routes, and who a bearer key belongs to.
type ControlPlane interface {
	Handle(ctx *fasthttp.RequestCtx) bool
	Caller(ctx *fasthttp.RequestCtx) (role, advertiserID string, ok bool)
}

// drainTimeout bounds how long Serve waits for in-flight requests once
// ctx ends.
const drainTimeout = 10 * time.Second

// Serve answers on ln until ctx ends. Then /readyz turns 503, the listener
// closes, idle connections close, and Serve waits (up to drainTimeout) for
// the requests in flight to be answered before it returns: whoever built
// the server closes the event sink after that.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	s.srv = &fasthttp.Server{
		Handler:            s.Handler,
		Name:               "adstitch",
		ReadTimeout:        30 * time.Second,
		WriteTimeout:       60 * time.Second,
		IdleTimeout:        2 * time.Minute,
		MaxRequestBodySize: int(s.cfg.Variants.MaxUploadBytes) + maxBody,
		// Uploads (spots) stream to disk; every other route keeps the
		// small-body limit (checkBody).
		StreamRequestBody:            true,
		DisablePreParseMultipartForm: true,
		// Answers given while draining say Connection: close, so clients
		// reconnect to another instance instead of reusing this one.
		CloseOnShutdown:       true,
		Logger:                fasthttpLogger{s.log},
		NoDefaultServerHeader: false,
	}
	errc := make(chan error, 1)
	s.ready.serving.Store(true)
	go func() { errc <- s.srv.Serve(ln) }()
	select {
	case err := <-errc:
		s.ready.serving.Store(false)
		return err
	case <-ctx.Done():
	}
	s.ready.stopping.Store(true)
	if d := time.Duration(s.cfg.ShutdownDelay); d > 0 {
		// /readyz says 503 already; requests keep being answered while
		// load balancers take the instance out.
		s.log.Info("shutting down: not ready, still serving", "for", d)
		time.Sleep(d)
	}
	s.log.Info("shutting down: draining in-flight requests",
		"in_flight", s.reqs.metrics.inFlight.Load(), "timeout", drainTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), drainTimeout)
	defer cancel()
	err := s.srv.ShutdownWithContext(sctx)
	s.ready.serving.Store(false)
	if serr := <-errc; serr != nil && !errors.Is(serr, net.ErrClosed) {
		s.log.Warn("listener stopped with an error", "err", serr)
	}
	if err != nil {
		// Handlers still running finish on their own; their events may
		// meet a closed spool and answer 503, which players retry.
		s.log.Warn("drain timed out; answering the remaining requests is left to their handlers",
			"in_flight", s.reqs.metrics.inFlight.Load(), "err", err)
		return nil
	}
	s.log.Info("drained")
	return nil
}

// Close releases the caches' background work.
func (s *Server) Close() {
	for _, st := range s.streams {
		st.close()
	}
	s.adMasters.Close()
	s.adMedias.Close()
}

type fasthttpLogger struct{ l *slog.Logger }

func (f fasthttpLogger) Printf(format string, args ...any) {
	f.l.Warn("http", "msg", fmt.Sprintf(format, args...))
}
