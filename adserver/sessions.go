package adserver

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/geo"
	"github.com/adstitch/adstitch/adserver/session"
	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/configs"
)

// sessionRequest is the body of POST /v1/sessions.
type sessionRequest struct {
	Stream    string   `json:"stream"`
	ViewerID  string   `json:"viewer_id"`
	Interests []string `json:"interests"`
	Device    string   `json:"device"`
	IP        string   `json:"ip"`         // the viewer's address; service and admin keys only
	UTCOffset *int     `json:"utc_offset"` // minutes east of UTC; used when geo has no time zone
}

type sessionResponse struct {
	SessionID   string     `json:"session_id"`
	ManifestURL string     `json:"manifest_url"`
	TrackingURL string     `json:"tracking_url"`
	Context     viewerView `json:"context"` // what targeting sees of the viewer now
}

// viewerView is a session's viewer as targeting sees it at one moment.
type viewerView struct {
	Country   string   `json:"country,omitempty"`
	Region    string   `json:"region,omitempty"`
	City      string   `json:"city,omitempty"`
	UTCOffset int      `json:"utc_offset"` // minutes east of UTC
	LocalTime string   `json:"local_time"` // "08:30"
	Daypart   string   `json:"daypart"`
	Interests []string `json:"interests"`
	Device    string   `json:"device"`
	Stream    string   `json:"stream"`
}

func (s *Server) viewerView(c *session.Context) viewerView {
	local := s.now().UTC().Add(time.Duration(c.UTCOffset) * time.Minute)
	v := viewerView{Country: c.Country, Region: c.Region, City: c.City, UTCOffset: int(c.UTCOffset),
		LocalTime: local.Format("15:04"), Daypart: analytics.Daypart(local.Hour()),
		Interests: append([]string{}, c.Interests...), Device: c.Device, Stream: c.Stream}
	return v
}

// Devices a session may name; anything else is "other".
var devices = map[string]bool{"tv": true, "mobile": true, "desktop": true, "tablet": true, "console": true, "other": true}

var interestRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

func (s *Server) createSession(ctx *fasthttp.RequestCtx) {
	var req sessionRequest
	dec := json.NewDecoder(bytes.NewReader(ctx.PostBody()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		jsonError(ctx, fasthttp.StatusBadRequest, "invalid_json", "request body: "+err.Error())
		return
	}
	if dec.More() {
		jsonError(ctx, fasthttp.StatusBadRequest, "invalid_json", "request body: trailing data after the JSON object")
		return
	}
	ip := ctx.RemoteIP().String()
	if req.IP != "" {
		if !s.serviceCaller(ctx) {
			jsonError(ctx, fasthttp.StatusForbidden, "forbidden", `"ip" may only be set with a service or admin API key`)
			return
		}
		ip = req.IP
	}
	c, token, ok := s.startSession(ctx, req, ip)
	if !ok {
		return
	}
	base := strings.TrimRight(s.cfg.PublicURL, "/")
	writeJSON(ctx, fasthttp.StatusCreated, sessionResponse{
		SessionID:   token,
		ManifestURL: base + "/v1/s/" + token + "/master.m3u8",
		TrackingURL: base + "/v1/tracking/" + token,
		Context:     s.viewerView(c),
	})
}

// implicitSession answers GET /v1/master/{stream}.m3u8?viewer_id=…: it
// creates the session and serves the personalized master in one request,
// for players that cannot call the session API first.
func (s *Server) implicitSession(ctx *fasthttp.RequestCtx, name string) {
	id, ok := strings.CutSuffix(name, ".m3u8")
	if !ok {
		jsonError(ctx, fasthttp.StatusNotFound, "not_found", "expected /v1/master/{stream}.m3u8")
		return
	}
	args := ctx.QueryArgs()
	req := sessionRequest{
		Stream:   id,
		ViewerID: string(args.Peek("viewer_id")),
		Device:   string(args.Peek("device")),
	}
	if v := string(args.Peek("interests")); v != "" {
		req.Interests = strings.Split(v, ",")
	}
	if v := args.Peek("utc_offset"); len(v) > 0 {
		var off int
		if _, err := fmt.Sscan(string(v), &off); err != nil {
			jsonError(ctx, fasthttp.StatusBadRequest, "invalid_session", "utc_offset: not a number of minutes")
			return
		}
		req.UTCOffset = &off
	}
	c, token, ok := s.startSession(ctx, req, ctx.RemoteIP().String())
	if !ok {
		return
	}
	st := getState()
	defer putState(st)
	st.sess = *c
	s.servePersonalMaster(ctx, st, token)
}

// startSession resolves and seals a new session, answering 400 when the
// request is invalid.
func (s *Server) startSession(ctx *fasthttp.RequestCtx, req sessionRequest, ip string) (*session.Context, string, bool) {
	c, err := s.newContext(req, ip)
	if err == nil {
		var token string
		if token, err = s.keys.Seal(c); err == nil {
			if err := s.rec.Record(s.event(c, "", 0, "", analytics.SessionStart, analytics.SourceServer)); err != nil {
				s.throttle.warn(s.log, "record", "session_start not recorded", "err", err)
			}
			return c, token, true
		}
	}
	jsonError(ctx, fasthttp.StatusBadRequest, "invalid_session", err.Error())
	return nil, "", false
}

// newContext validates a session request and resolves the viewer context.
func (s *Server) newContext(req sessionRequest, ip string) (*session.Context, error) {
	if s.streams[req.Stream] == nil {
		if req.Stream == "" {
			return nil, fmt.Errorf(`"stream" is required`)
		}
		return nil, fmt.Errorf("stream %q does not exist", req.Stream)
	}
	if len(req.ViewerID) > 256 {
		return nil, fmt.Errorf(`"viewer_id" is longer than 256 bytes`)
	}
	c := &session.Context{
		ID: session.NewID(), Stream: req.Stream, Created: s.now().Unix(),
		Device: strings.ToLower(req.Device),
	}
	if req.ViewerID != "" {
		c.Viewer = session.ViewerHash(req.ViewerID)
	}
	if c.Device == "" {
		c.Device = "other"
	}
	if !devices[c.Device] {
		return nil, fmt.Errorf("device %q is not one of tv, mobile, desktop, tablet, console, other", req.Device)
	}
	if len(req.Interests) > 16 {
		return nil, fmt.Errorf("at most 16 interests, got %d", len(req.Interests))
	}
	for _, in := range req.Interests {
		in = strings.ToLower(strings.TrimSpace(in))
		if in == "" {
			continue
		}
		if !interestRe.MatchString(in) {
			return nil, fmt.Errorf("interest %q: use 1-32 of a-z, 0-9, '-' and '_'", in)
		}
		c.Interests = append(c.Interests, in)
	}
	if req.UTCOffset != nil {
		if *req.UTCOffset < -14*60 || *req.UTCOffset > 14*60 {
			return nil, fmt.Errorf("utc_offset %d is outside -840..840 minutes", *req.UTCOffset)
		}
		c.UTCOffset = int16(*req.UTCOffset)
	}
	if ip != "" && s.geo != nil {
		addr, err := netip.ParseAddr(ip)
		if err != nil {
			return nil, fmt.Errorf("ip %q is not an IP address", ip)
		}
		if loc, ok := s.geo.Lookup(addr); ok {
			c.Country, c.Region, c.City = loc.Country, loc.Region, loc.City
			if off, ok := geo.UTCOffset(loc.TimeZone, s.now()); ok && req.UTCOffset == nil {
				c.UTCOffset = off
			}
		}
	} else if ip != "" {
		if _, err := netip.ParseAddr(ip); err != nil {
			return nil, fmt.Errorf("ip %q is not an IP address", ip)
		}
	}
	return c, nil
}

// serviceCaller reports whether the request carries a service or admin key.
func (s *Server) serviceCaller(ctx *fasthttp.RequestCtx) bool {
	return s.callerHasRole(ctx, configs.RoleService, configs.RoleAdmin)
}

// callerHasRole reports whether the request's bearer key has one of roles.
func (s *Server) callerHasRole(ctx *fasthttp.RequestCtx, roles ...string) bool {
	auth := string(ctx.Request.Header.Peek("Authorization"))
	key, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || key == "" {
		return false
	}
	for _, k := range s.cfg.APIKeys {
		if subtle.ConstantTimeCompare([]byte(k.Key), []byte(key)) == 1 && slices.Contains(roles, k.Role) {
			return true
		}
	}
	if s.control != nil {
		// Keys created with `adstitch keys create` live in the control store.
		if role, _, ok := s.control.Caller(ctx); ok {
			return slices.Contains(roles, role)
		}
	}
	return false
}
