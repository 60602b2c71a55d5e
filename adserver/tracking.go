package adserver

import (
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/manifest"
)

// trackingResponse is GET /v1/tracking/{session}: the avails of the
// session's current playlist window, for players that report client-side.
type trackingResponse struct {
	SessionID string         `json:"session_id"`
	Stream    string         `json:"stream"`
	Live      bool           `json:"live"`
	Avails    []trackedAvail `json:"avails"`
}

type trackedAvail struct {
	AvailID   string      `json:"avail_id"`
	StartTime float64     `json:"start_time"`           // seconds from the start of the playlist window
	StartDate string      `json:"start_date,omitempty"` // program date, when the playlist is dated
	Duration  float64     `json:"duration"`
	Ads       []trackedAd `json:"ads"`
}

type trackedAd struct {
	AdID           string          `json:"ad_id"`
	CreativeID     string          `json:"creative_id"`
	Position       int             `json:"position"`
	StartTime      float64         `json:"start_time"`
	StartDate      string          `json:"start_date,omitempty"`
	Duration       float64         `json:"duration"`
	TrackingEvents []trackingEvent `json:"tracking_events"`
}

type trackingEvent struct {
	Event      string   `json:"event"`
	StartTime  float64  `json:"start_time"`
	BeaconURLs []string `json:"beacon_urls"`
}

var quartiles = []struct {
	typ analytics.EventType
	at  float64
}{
	{analytics.Impression, 0}, {analytics.Start, 0}, {analytics.FirstQuartile, 0.25},
	{analytics.Midpoint, 0.5}, {analytics.ThirdQuartile, 0.75}, {analytics.Complete, 1},
}

func (s *Server) tracking(ctx *fasthttp.RequestCtx, token string) {
	st := getState()
	defer putState(st)
	var ci contentInfo
	str, t := s.sessionWindow(ctx, st, token, &ci)
	if t == nil {
		return
	}
	p := s.buildPlan(reqContext, st, str, t, &ci, token)
	resp := trackingResponse{SessionID: token, Stream: str.id, Live: t.Live(), Avails: []trackedAvail{}}
	base := strings.TrimRight(s.cfg.PublicURL, "/") + "/v1/events/" + token + "/"
	for _, a := range t.Ads(p) {
		if len(resp.Avails) == 0 || resp.Avails[len(resp.Avails)-1].AvailID != a.BreakID {
			av := trackedAvail{AvailID: a.BreakID, StartTime: round3(a.Offset), Ads: []trackedAd{}}
			if a.Dated {
				av.StartDate = a.Date.UTC().Format(time.RFC3339Nano)
			}
			resp.Avails = append(resp.Avails, av)
		}
		av := &resp.Avails[len(resp.Avails)-1]
		av.Duration = round3(a.Offset + a.Duration - av.StartTime)
		if a.Slate {
			continue
		}
		ad := trackedAd{
			AdID: a.Ad.AdID, CreativeID: a.Ad.CreativeID, Position: a.Position,
			StartTime: round3(a.Offset), Duration: round3(a.Duration),
		}
		if a.Dated {
			ad.StartDate = a.Date.UTC().Format(time.RFC3339Nano)
		}
		for _, q := range quartiles {
			ad.TrackingEvents = append(ad.TrackingEvents, trackingEvent{
				Event: string(q.typ), StartTime: round3(a.Offset + q.at*a.Duration),
				BeaconURLs: []string{base + a.BreakID + "/" + strconv.Itoa(a.Position) + "/" + a.Ad.AdID + "/" + string(q.typ)},
			})
		}
		av.Ads = append(av.Ads, ad)
	}
	writeJSON(ctx, fasthttp.StatusOK, resp)
}

func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }

// clientEvent records GET /v1/events/{session}/{avail}/{position}/{ad}/{event},
// the tracking URLs handed out by the tracking API.
func (s *Server) clientEvent(ctx *fasthttp.RequestCtx, rest string) {
	var parts [5]string
	if !splitPath(rest, parts[:]) {
		jsonError(ctx, fasthttp.StatusNotFound, "not_found", "expected /v1/events/{session}/{avail}/{position}/{ad}/{event}")
		return
	}
	st := getState()
	defer putState(st)
	if !s.openToken(ctx, parts[0], &st.sess) {
		return
	}
	pos, err := strconv.Atoi(parts[2])
	if err != nil || pos < 0 || pos > 1000 {
		jsonError(ctx, fasthttp.StatusBadRequest, "invalid_event", "bad position "+strconv.Quote(parts[2]))
		return
	}
	if s.ads.get(parts[3]) == nil || parts[3] == slateID {
		jsonError(ctx, fasthttp.StatusBadRequest, "invalid_event", "unknown ad "+strconv.Quote(parts[3]))
		return
	}
	typ := analytics.EventType(parts[4])
	known := typ == analytics.Error
	for _, q := range quartiles {
		known = known || q.typ == typ
	}
	if !known || !typ.Valid() {
		jsonError(ctx, fasthttp.StatusBadRequest, "invalid_event", "unknown event type "+strconv.Quote(parts[4]))
		return
	}
	e := s.event(&st.sess, parts[1], pos, parts[3], typ, analytics.SourceClient)
	if typ == analytics.Error {
		// VAST error codes are 100-999; anything else is not a code.
		code := string(ctx.QueryArgs().Peek("code"))
		if n, err := strconv.Atoi(code); code != "" && (err != nil || n < 100 || n > 999) {
			jsonError(ctx, fasthttp.StatusBadRequest, "invalid_event", "code: want a VAST error code 100-999")
			return
		}
		e.Reason = "vast_error:" + code
	}
	if err := s.rec.Record(e); err != nil {
		s.throttle.warn(s.log, "record", "beacon not recorded", "err", err)
		ctx.Response.Header.Set("Retry-After", "1")
		jsonError(ctx, fasthttp.StatusServiceUnavailable, "events_unavailable", "the event could not be recorded; retry")
		return
	}
	ctx.SetStatusCode(fasthttp.StatusNoContent)
}

// decisionsRoute answers GET /v1/sessions/{session}/decisions.
func (s *Server) decisionsRoute(ctx *fasthttp.RequestCtx, token string) {
	st := getState()
	defer putState(st)
	var ci contentInfo
	str, t := s.sessionWindow(ctx, st, token, &ci)
	if t == nil {
		return
	}
	writeJSON(ctx, fasthttp.StatusOK, s.sessionDecisions(st, str, t, token))
}

// sessionWindow opens the session token into st and loads its stream's
// current window, the first variant's: the avails are the same in every
// rendition. On failure it has answered ctx and t is nil.
func (s *Server) sessionWindow(ctx *fasthttp.RequestCtx, st *reqState, token string, ci *contentInfo) (str *stream, t *manifest.Template) {
	if !s.openToken(ctx, token, &st.sess) {
		return nil, nil
	}
	if str = s.streamFor(ctx, st.sess.Stream); str == nil {
		return nil, nil
	}
	return str, s.loadRendition(ctx, str, firstVariant, ci)
}
