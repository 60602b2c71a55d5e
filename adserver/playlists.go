package adserver

import (
	"errors"
	"strconv"
	"strings"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/origin"
	"github.com/adstitch/adstitch/manifest"
)

const mpegURL = "application/vnd.apple.mpegurl"

// servePersonalMaster answers /v1/s/{token}/master.m3u8.
func (s *Server) servePersonalMaster(ctx *fasthttp.RequestCtx, st *reqState, token string) {
	str := s.streamFor(ctx, st.sess.Stream)
	if str == nil {
		return
	}
	mr, err := str.masters.Get(reqContext, str.origin)
	if err != nil {
		s.originError(ctx, str.origin, err)
		return
	}
	st.prefix = append(st.prefix[:0], "/v1/s/"...)
	st.prefix = append(st.prefix, token...)
	st.prefix = append(st.prefix, "/p/"...)
	st.out = mr.Value.AppendRewritten(st.out[:0], string(st.prefix))
	writePlaylist(ctx, st.out, false)
}

// serveMedia answers /v1/s/{token}/p/{index}.m3u8: the origin's media
// playlist with this session's pods stitched in.
func (s *Server) serveMedia(ctx *fasthttp.RequestCtx, st *reqState, token, name string) {
	idxS, ok := strings.CutSuffix(name, ".m3u8")
	idx, err := strconv.Atoi(idxS)
	if !ok || err != nil || idx < 0 {
		jsonError(ctx, fasthttp.StatusNotFound, "not_found", "no such playlist: "+name)
		return
	}
	str := s.streamFor(ctx, st.sess.Stream)
	if str == nil {
		return
	}
	var ci contentInfo
	t := s.loadRendition(ctx, str, idx, &ci)
	if t == nil {
		return
	}
	p := s.buildPlan(reqContext, st, str, t, &ci, token)
	st.out = t.Append(st.out[:0], p)
	writePlaylist(ctx, st.out, t.Live())
}

// firstVariant is the rendition index whose avails the tracking API reports.
const firstVariant = -1

// loadRendition returns the compiled media playlist idx of the stream's
// master (firstVariant: the first EXT-X-STREAM-INF) and describes it in ci.
// On failure it has answered the request and returns nil.
func (s *Server) loadRendition(ctx *fasthttp.RequestCtx, str *stream, idx int, ci *contentInfo) *manifest.Template {
	mr, err := str.masters.Get(reqContext, str.origin)
	if err != nil {
		s.originError(ctx, str.origin, err)
		return nil
	}
	rends := mr.Value.Renditions
	if idx == firstVariant {
		idx = 0
		for i := range rends {
			if rends[i].Kind == manifest.KindVariant {
				idx = i
				break
			}
		}
	}
	if idx >= len(rends) {
		jsonError(ctx, fasthttp.StatusNotFound, "not_found", "the stream has no playlist "+strconv.Itoa(idx))
		return nil
	}
	rend := &rends[idx]
	tr, err := str.medias.Get(reqContext, rend.URI)
	if err != nil {
		s.originError(ctx, rend.URI, err)
		return nil
	}
	t := tr.Value
	*ci = contentInfo{URL: rend.URI, Rendition: *rend, Target: t.TargetDuration()}
	if segs := t.Segments(); len(segs) > 0 {
		ci.Fragmented = segs[0].Map != ""
	}
	return t
}

func writePlaylist(ctx *fasthttp.RequestCtx, body []byte, live bool) {
	ctx.SetContentType(mpegURL)
	if live {
		ctx.Response.Header.Set("Cache-Control", "no-cache")
	} else {
		ctx.Response.Header.Set("Cache-Control", "private, max-age=60")
	}
	ctx.SetBody(body)
}

func (s *Server) streamFor(ctx *fasthttp.RequestCtx, id string) *stream {
	str := s.streams[id]
	if str == nil {
		jsonError(ctx, fasthttp.StatusNotFound, "unknown_stream", "no stream named "+strconv.Quote(id))
	}
	return str
}

// originError answers a failed origin fetch: 502 (or 504 on a time-out)
// with a JSON body, and one throttled log line per URL.
func (s *Server) originError(ctx *fasthttp.RequestCtx, url string, err error) {
	status, code := fasthttp.StatusBadGateway, "origin_error"
	switch {
	case errors.Is(err, origin.ErrTimeout):
		status, code = fasthttp.StatusGatewayTimeout, "origin_timeout"
	case errors.Is(err, origin.ErrNotAllowed):
		code = "origin_not_allowed"
	case errors.Is(err, origin.ErrTooLarge):
		code = "origin_too_large"
	case errors.Is(err, origin.ErrCompile):
		code = "origin_malformed"
	}
	s.throttle.warn(s.log, "origin:"+url, "origin failed", "url", url, "err", err)
	jsonError(ctx, status, code, err.Error())
}
