package api

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/control/store"
	"github.com/adstitch/adstitch/configs"
)

// Options configure the API. Every field is optional.
type Options struct {
	// Keys from the config file (roles admin, service, analyst); they
	// authenticate alongside the store's keys.
	Keys []configs.APIKey
	// Now is the clock of the snapshot (which flights have ended).
	Now func() time.Time
	// ValidateCreative checks a creative before it is stored (the server
	// fetches the HLS ad or looks the spot up, and may fill Duration). An
	// error refuses the write with 422 naming the creative. Default: accept.
	ValidateCreative func(ctx context.Context, c *campaign.Creative) error
	// CheckTemplate validates a spot creative's template and returns the
	// end-card image it names ("" = none). Errors start with the path from
	// "template" ("template.text[0].font: ..."). Nil: templates are not
	// checked beyond being JSON objects.
	CheckTemplate func(raw json.RawMessage) (imageID string, err error)
	// Media enables uploads (/v1/spots, /v1/images); nil answers 503.
	Media *Media
	// Variants lists rendered variants (/v1/variants); nil answers 503.
	Variants VariantSource
	// Timeout bounds one request's store work and creative checks
	// (default 30 s).
	Timeout time.Duration
	Log     *slog.Logger
}

// API serves the control plane under /v1/. It is safe for concurrent use.
type API struct {
	st       *store.Store
	keys     []configKey
	now      func() time.Time
	validate func(ctx context.Context, c *campaign.Creative) error
	timeout  time.Duration
	log      *slog.Logger

	checkTemplate func(raw json.RawMessage) (string, error)
	mediaOpts     *Media
	variants      VariantSource

	snapMu sync.Mutex
	snap   cachedSnapshot
}

// New returns the API over st.
func New(st *store.Store, opts Options) *API {
	a := &API{
		st:       st,
		keys:     hashKeys(opts.Keys),
		now:      opts.Now,
		validate: opts.ValidateCreative,
		timeout:  opts.Timeout,
		log:      opts.Log,

		checkTemplate: opts.CheckTemplate,
		mediaOpts:     opts.Media,
		variants:      opts.Variants,
	}
	if a.now == nil {
		a.now = time.Now
	}
	if a.validate == nil {
		a.validate = func(context.Context, *campaign.Creative) error { return nil }
	}
	if a.timeout <= 0 {
		a.timeout = 30 * time.Second
	}
	if a.log == nil {
		a.log = slog.Default()
	}
	return a
}

// Handle serves ctx if its path is one of Routes and reports whether it
// did; false leaves the request to the caller (e.g. /v1/sessions). A known
// path with another method is answered 405.
func (a *API) Handle(ctx *fasthttp.RequestCtx) bool {
	r, id, allowed := match(string(ctx.Method()), string(ctx.Path()))
	if r == nil {
		if allowed == "" {
			return false
		}
		ctx.Response.Header.Set("Allow", allowed)
		writeError(ctx, newError(fasthttp.StatusMethodNotAllowed, codeNotAllowed,
			string(ctx.Method())+" is not allowed here; allowed: "+allowed))
		return true
	}
	timeout := a.timeout
	if r.upload {
		timeout = max(timeout, uploadTimeout)
	}
	rctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var who caller
	if r.access != accessPublic {
		var e *apiError
		if who, e = a.authenticate(rctx, ctx); e == nil {
			e = r.access.check(who)
		}
		if e != nil {
			writeError(ctx, e)
			return true
		}
	}
	if e := r.handle(a, &request{ctx: rctx, http: ctx, who: who, id: id}); e != nil {
		writeError(ctx, e)
	}
	return true
}

// request is what a route handler gets: a context for the store (not the
// fasthttp one, which must not escape), the request, the caller and the
// {id} of the path.
type request struct {
	ctx  context.Context
	http *fasthttp.RequestCtx
	who  caller
	id   string
}
