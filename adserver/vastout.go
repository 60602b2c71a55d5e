package adserver

import (
	"bytes"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/vast"
	"github.com/adstitch/adstitch/manifest"
)

// vastPod answers GET /v1/vast?stream=&viewer_id=&duration=&ip=&interests=&device=
// with the pod adstitch would stitch, as VAST 4.2 InLine ads: for players
// and partners that insert ads themselves. Tracking URLs record beacons
// like the tracking API's.
func (s *Server) vastPod(ctx *fasthttp.RequestCtx) {
	args := ctx.QueryArgs()
	dur, err := strconv.ParseFloat(string(args.Peek("duration")), 64)
	if err != nil || dur <= 0 || dur > 600 {
		jsonError(ctx, fasthttp.StatusBadRequest, "invalid_request", "duration: seconds to fill, 1-600")
		return
	}
	req := sessionRequest{Stream: string(args.Peek("stream")), ViewerID: string(args.Peek("viewer_id")), Device: string(args.Peek("device"))}
	if v := string(args.Peek("interests")); v != "" {
		req.Interests = strings.Split(v, ",")
	}
	ip := ctx.RemoteIP().String()
	if v := string(args.Peek("ip")); v != "" {
		ip = v // the viewer's address, as VAST's X-Device-IP: it only steers targeting
	}
	c, token, ok := s.startSession(ctx, req, ip)
	if !ok {
		return
	}
	st := getState()
	defer putState(st)
	st.sess = *c
	const availID = "vast"
	dec := s.decisionFor(reqContext, st, req.Stream, availID, dur)
	base := strings.TrimRight(s.cfg.PublicURL, "/") + "/v1/events/" + token + "/" + availID + "/"
	pod := vast.Pod{AdServingID: st.sess.IDString()}
	for i, id := range dec.Ads {
		ad := s.ads.get(id)
		if ad == nil {
			continue
		}
		d, err := s.ads.duration(reqContext, id)
		if err != nil {
			s.throttle.warn(s.log, "vast:"+id, "ad left out of VAST", "ad", id, "err", err)
			continue
		}
		beacon := func(t string) []string { return []string{base + strconv.Itoa(i) + "/" + id + "/" + t} }
		va := vast.Ad{
			ID: id, Sequence: len(pod.Ads) + 1, AdTitle: id, Advertiser: ad.Advertiser, CreativeID: ad.CreativeID,
			Duration: time.Duration(d * float64(time.Second)), MediaURL: ad.Master,
			Impression: beacon("impression"),
			Tracking: map[string][]string{"start": beacon("start"), "firstQuartile": beacon("firstQuartile"),
				"midpoint": beacon("midpoint"), "thirdQuartile": beacon("thirdQuartile"), "complete": beacon("complete")},
		}
		if mr, err := s.adMasters.Get(reqContext, ad.Master); err == nil {
			for _, r := range mr.Value.Renditions {
				if r.Kind == manifest.KindVariant {
					va.Width, va.Height, va.Bitrate, va.Codec = r.Width, r.Height, int(r.Bandwidth/1000), r.Codecs
					break
				}
			}
		}
		pod.Ads = append(pod.Ads, va)
	}
	var buf bytes.Buffer
	if err := vast.Write(&buf, pod); err != nil {
		jsonError(ctx, fasthttp.StatusInternalServerError, "vast_failed", err.Error())
		return
	}
	ctx.SetContentType("application/xml; charset=utf-8")
	ctx.SetBody(buf.Bytes())
}
