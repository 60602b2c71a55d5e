package adserver

import (
	"strings"
	"testing"

	"github.com/valyala/fasthttp"
)

// benchRequest prepares a server, one session and the path of its first
// media playlist, warm in every cache.
func benchRequest(b *testing.B) (*Server, string, []byte) {
	t := testing.TB(b)
	o := newFakeOrigin(t)
	seedOrigin(o)
	ts := startServer(t, o, "")
	s := newSession(t, ts, `{"stream":"show","viewer_id":"bench","interests":["sports"],"device":"tv"}`)
	u := mediaURL(t, ts, s.ManifestURL)
	_, _, body := get(t, u)
	if !strings.Contains(body, "/a/") {
		b.Fatal("setup: the playlist has no ads")
	}
	return ts.srv, strings.TrimPrefix(u, ts.url), []byte(body)
}

// BenchmarkMediaRequest is the whole personalized playlist request inside
// the server (token check, cache lookups, decisions, stitch), without the
// network; BenchmarkStaticRequest writes the same bytes from a handler.
func BenchmarkMediaRequest(b *testing.B) {
	srv, path, body := benchRequest(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		var ctx fasthttp.RequestCtx
		for pb.Next() {
			ctx.Request.Reset()
			ctx.Response.Reset()
			ctx.Request.SetRequestURI(path)
			srv.Handler(&ctx)
			if ctx.Response.StatusCode() != 200 {
				b.Fatalf("status %d", ctx.Response.StatusCode())
			}
		}
	})
}

func BenchmarkStaticRequest(b *testing.B) {
	_, path, body := benchRequest(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	h := func(ctx *fasthttp.RequestCtx) {
		setCORS(ctx)
		ctx.SetContentType(mpegURL)
		ctx.SetBody(body)
	}
	b.RunParallel(func(pb *testing.PB) {
		var ctx fasthttp.RequestCtx
		for pb.Next() {
			ctx.Request.Reset()
			ctx.Response.Reset()
			ctx.Request.SetRequestURI(path)
			h(&ctx)
		}
	})
}
