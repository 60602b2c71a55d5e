//go:build !race

package adserver

import (
	"testing"

	"github.com/valyala/fasthttp"
)

// The request id, route counters and latency histogram around every
// request cost no allocation, whether the id is generated or echoed.
func TestRequestObserverDoesNotAllocate(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	ts := startServer(t, o, "")
	s := newSession(t, ts, `{"stream":"show","viewer_id":"alloc-id","interests":["sports"],"device":"tv"}`)
	u := mediaURL(t, ts, s.ManifestURL)
	get(t, u) // warm
	for _, tc := range []struct{ name, path, id string }{
		{"media, generated id", u[len(ts.url):], ""},
		{"media, echoed id", u[len(ts.url):], "0f8fad5b-d9cb-469f-a165-70867728950e"},
		{"liveness", "/healthz", ""},
	} {
		var ctx fasthttp.RequestCtx
		allocs := testing.AllocsPerRun(200, func() {
			ctx.Request.Reset()
			ctx.Response.Reset()
			ctx.Request.SetRequestURI(tc.path)
			if tc.id != "" {
				ctx.Request.Header.Set(HeaderRequestID, tc.id)
			}
			ts.srv.Handler(&ctx)
		})
		if ctx.Response.StatusCode() != 200 || len(ctx.Response.Header.Peek(HeaderRequestID)) == 0 {
			t.Fatalf("%s: status %d, id %q", tc.name, ctx.Response.StatusCode(), ctx.Response.Header.Peek(HeaderRequestID))
		}
		if allocs != 0 {
			t.Errorf("%s allocates %.1f times per request, want 0", tc.name, allocs)
		}
	}
}
