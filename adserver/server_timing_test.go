package adserver

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/spool"
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
	runHandler(b, srv.Handler, path, fasthttp.StatusOK)
}

// runHandler requests path from h in parallel loops, without the network,
// and fails on any status but want.
func runHandler(b *testing.B, h fasthttp.RequestHandler, path string, want int) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		var ctx fasthttp.RequestCtx
		for pb.Next() {
			ctx.Request.Reset()
			ctx.Response.Reset()
			ctx.Request.SetRequestURI(path)
			h(&ctx)
			if ctx.Response.StatusCode() != want {
				b.Fatalf("status %d: %s", ctx.Response.StatusCode(), ctx.Response.Body())
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

// countRecorder counts events and keeps none.
type countRecorder struct{ n atomic.Int64 }

func (c *countRecorder) Record(analytics.Event) error { c.n.Add(1); return nil }

// BenchmarkBeaconRequest is a client tracking call inside the server
// (token check, event built and encoded), without the network: "memory"
// hands the event to a recorder that keeps nothing, the handler's own
// cost; "spool" appends it to a real spool on disk, drained meanwhile, and
// waits for the group write as the service does (never for the network).
func BenchmarkBeaconRequest(b *testing.B) {
	bench := func(b *testing.B, rec analytics.Recorder) {
		o := newFakeOrigin(b)
		seedOrigin(o)
		ts := startServerWith(b, o, "", func(d *Deps) { d.Recorder = rec })
		s := newSession(b, ts, `{"stream":"show","viewer_id":"bench","device":"tv"}`)
		token := strings.TrimSuffix(strings.TrimPrefix(s.ManifestURL, ts.url+"/v1/s/"), "/master.m3u8")
		runHandler(b, ts.srv.Handler, "/v1/events/"+token+"/pre/0/house/firstQuartile", fasthttp.StatusNoContent)
	}
	b.Run("memory", func(b *testing.B) { bench(b, &countRecorder{}) })
	b.Run("spool", func(b *testing.B) {
		sp, err := spool.Open(spool.Options{Dir: b.TempDir(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		drained := make(chan error, 1)
		go func() {
			drained <- sp.Drain(ctx, 1000, func(context.Context, [][]byte) error { return nil })
		}()
		defer func() {
			cancel()
			<-drained
			sp.Close()
		}()
		b.SetParallelism(64) // beacons arrive from many players at once
		bench(b, analytics.SpoolRecorder{Spool: sp})
	})
}
