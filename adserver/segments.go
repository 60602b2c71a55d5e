package adserver

import (
	"context"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/session"
	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/configs"
	"github.com/adstitch/adstitch/manifest"
)

// adSegmentRef is a parsed ad-segment URL tail:
// {break}/{position}/{ad}/{rendition}/{segment}{ext}.
type adSegmentRef struct {
	breakID  string
	position int
	adID     string
	rend     int
	seg      int
}

func parseAdSegment(tail string) (adSegmentRef, error) {
	var r adSegmentRef
	var parts [5]string
	if !splitPath(tail, parts[:]) {
		return r, fmt.Errorf("expected {break}/{position}/{ad}/{rendition}/{segment}")
	}
	r.breakID, r.adID = parts[0], parts[2]
	var err error
	if r.position, err = strconv.Atoi(parts[1]); err != nil || r.position < 0 || r.position > 1000 {
		return r, fmt.Errorf("bad position %q", parts[1])
	}
	if r.rend, err = strconv.Atoi(parts[3]); err != nil || r.rend < 0 {
		return r, fmt.Errorf("bad rendition %q", parts[3])
	}
	seg := parts[4]
	if i := strings.IndexByte(seg, '.'); i >= 0 {
		seg = seg[:i]
	}
	if r.seg, err = strconv.Atoi(seg); err != nil || r.seg < 0 {
		return r, fmt.Errorf("bad segment %q", parts[4])
	}
	return r, nil
}

// serveAdSegment answers a player's fetch of an ad segment: it records the
// server-side beacons this segment crosses, then proxies the bytes or
// redirects to the CDN.
func (s *Server) serveAdSegment(ctx *fasthttp.RequestCtx, st *reqState, tail string) {
	ref, err := parseAdSegment(tail)
	if err != nil {
		jsonError(ctx, fasthttp.StatusNotFound, "not_found", "ad segment: "+err.Error())
		return
	}
	ad := s.ads.get(ref.adID)
	if ad == nil {
		jsonError(ctx, fasthttp.StatusNotFound, "unknown_ad", "no ad named "+strconv.Quote(ref.adID))
		return
	}
	mr, err := s.adMasters.Get(reqContext, ad.Master)
	if err != nil {
		s.originError(ctx, ad.Master, err)
		return
	}
	if ref.rend >= len(mr.Value.Renditions) {
		jsonError(ctx, fasthttp.StatusNotFound, "not_found", "the ad has no rendition "+strconv.Itoa(ref.rend))
		return
	}
	med, err := s.adMedias.Get(reqContext, mr.Value.Renditions[ref.rend].URI)
	if err != nil {
		s.originError(ctx, mr.Value.Renditions[ref.rend].URI, err)
		return
	}
	segs := med.Value.Segments
	if ref.seg >= len(segs) {
		jsonError(ctx, fasthttp.StatusNotFound, "not_found", "the ad has no segment "+strconv.Itoa(ref.seg))
		return
	}
	if ref.adID != slateID {
		if err := s.beacons(st, ref, segs); err != nil {
			// Not counted, so not served: the player retries the segment
			// and the beacon with it.
			s.throttle.warn(s.log, "record", "beacon not recorded", "err", err)
			ctx.Response.Header.Set("Retry-After", "1")
			jsonError(ctx, fasthttp.StatusServiceUnavailable, "events_unavailable", "the event could not be recorded; retry")
			return
		}
	}
	seg := &segs[ref.seg]
	if s.cfg.AdSegments.Mode == configs.AdSegmentsRedirect {
		ctx.Redirect(s.cdnURL(seg.URI), fasthttp.StatusFound)
		return
	}
	s.proxy(ctx, st, ref, seg)
}

// beacons records the events crossed by segment ref.seg of an ad: the
// impression and start at the first segment, each quartile at the segment
// whose end passes it, complete at the last.
func (s *Server) beacons(st *reqState, ref adSegmentRef, segs []manifest.Segment) error {
	var total, before float64
	for i := range segs {
		total += segs[i].Duration
		if i < ref.seg {
			before += segs[i].Duration
		}
	}
	after := before + segs[ref.seg].Duration
	var types []analytics.EventType
	if ref.seg == 0 {
		types = append(types, analytics.Impression, analytics.Start)
	}
	for _, q := range []struct {
		f float64
		t analytics.EventType
	}{{0.25, analytics.FirstQuartile}, {0.5, analytics.Midpoint}, {0.75, analytics.ThirdQuartile}} {
		if mark := q.f * total; before < mark && after >= mark {
			types = append(types, q.t)
		}
	}
	if ref.seg == len(segs)-1 {
		types = append(types, analytics.Complete)
	}
	// One write for every beacon the segment crosses: the player waits
	// once, and either all of them count or none does.
	var buf [6]analytics.Event
	evs := buf[:0]
	for _, typ := range types {
		evs = append(evs, s.event(&st.sess, ref.breakID, ref.position, ref.adID, typ, analytics.SourceServer))
	}
	if err := analytics.RecordAll(s.rec, evs); err != nil {
		return err
	}
	for _, typ := range types {
		if typ == analytics.Impression {
			s.countImpression(&st.sess, ref.adID)
		}
		if s.external != nil {
			if dec := s.decisions.get(decisionKey{session: st.sess.ID, breakID: ref.breakID}); dec != nil && dec.ThirdParty[ref.adID] != nil {
				s.external.pinger.fire(dec.ThirdParty[ref.adID].urls(typ))
			}
		}
	}
	return nil
}

// event builds an Event from the session, copying every string out of the
// pooled request state.
func (s *Server) event(c *session.Context, avail string, pos int, adID string, typ analytics.EventType, src analytics.Source) analytics.Event {
	sid := c.IDString()
	e := analytics.Event{
		ID: analytics.EventID(sid, avail, pos, adID, typ), Type: typ, Time: s.now().UTC(), Source: src,
		Session: sid, Stream: strings.Clone(c.Stream), Avail: strings.Clone(avail), Position: pos,
		Ad: strings.Clone(adID), Country: strings.Clone(c.Country), Region: strings.Clone(c.Region),
		City: strings.Clone(c.City), Device: strings.Clone(c.Device), UTCOffset: c.UTCOffset,
	}
	if ad := s.ads.get(adID); ad != nil {
		e.Creative, e.Campaign, e.Advertiser, e.Variant = ad.CreativeID, ad.Campaign, ad.Advertiser, ad.Variant
	}
	e.LocalHour = analytics.LocalHour(e.Time, c.UTCOffset)
	e.Daypart = analytics.Daypart(e.LocalHour)
	if c.Viewer != ([16]byte{}) {
		e.Viewer = hex.EncodeToString(c.Viewer[:])
	}
	for _, in := range c.Interests {
		e.Interests = append(e.Interests, strings.Clone(in))
	}
	return e
}

// cdnURL maps an ad segment's origin URL onto the configured CDN prefix,
// keeping its path and query.
func (s *Server) cdnURL(raw string) string {
	prefix := strings.TrimRight(s.cfg.AdSegments.CDNPrefix, "/")
	if prefix == "" {
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return prefix + u.RequestURI()
}

// proxy streams an ad segment from its origin to the player.
func (s *Server) proxy(ctx *fasthttp.RequestCtx, st *reqState, ref adSegmentRef, seg *manifest.Segment) {
	if !s.fetchAdSegment(ctx, seg) && ref.adID != slateID {
		e := s.event(&st.sess, ref.breakID, ref.position, ref.adID, analytics.Error, analytics.SourceServer)
		e.Reason = "ad_segment_unavailable"
		if err := s.rec.Record(e); err != nil {
			s.throttle.warn(s.log, "record", "error event not recorded", "err", err)
		}
	}
}

// fetchAdSegment streams the segment from its origin; false when it could not.
func (s *Server) fetchAdSegment(ctx *fasthttp.RequestCtx, seg *manifest.Segment) bool {
	u, err := url.Parse(seg.URI)
	if err != nil || !s.allow[hostPort(u)] {
		jsonError(ctx, fasthttp.StatusBadGateway, "origin_not_allowed", "ad segment host is not in origins_allow")
		return false
	}
	rctx, cancel := context.WithTimeout(context.Background(), s.client.Timeout)
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, seg.URI, nil)
	if err != nil {
		cancel()
		jsonError(ctx, fasthttp.StatusBadGateway, "origin_error", err.Error())
		return false
	}
	if seg.ByteLen >= 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(seg.ByteOff, 10)+"-"+strconv.FormatInt(seg.ByteOff+seg.ByteLen-1, 10))
	}
	resp, err := s.client.Do(req)
	if err != nil {
		cancel()
		s.throttle.warn(s.log, "adseg:"+u.Host, "ad segment fetch failed", "url", seg.URI, "err", err)
		jsonError(ctx, fasthttp.StatusBadGateway, "origin_error", "ad segment fetch failed")
		return false
	}
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusPartialContent {
		resp.Body.Close()
		cancel()
		jsonError(ctx, fasthttp.StatusBadGateway, "origin_error", "ad segment origin answered "+resp.Status)
		return false
	}
	ctx.SetContentType(resp.Header.Get("Content-Type"))
	ctx.Response.Header.Set("Cache-Control", "public, max-age=86400")
	ctx.SetBodyStream(cancelCloser{resp.Body, cancel}, int(resp.ContentLength))
	return true
}

type cancelCloser struct {
	body interface {
		Read([]byte) (int, error)
		Close() error
	}
	cancel context.CancelFunc
}

func (c cancelCloser) Read(p []byte) (int, error) { return c.body.Read(p) }
func (c cancelCloser) Close() error {
	err := c.body.Close()
	c.cancel()
	return err
}

func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	if u.Scheme == "https" {
		return u.Hostname() + ":443"
	}
	return u.Hostname() + ":80"
}
