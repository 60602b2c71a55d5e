//go:build !race

package adserver

import (
	"testing"

	"github.com/valyala/fasthttp"
)

// A personalized media playlist request, once the origin playlist is
// compiled and the session's decisions are made, allocates nothing.
func TestMediaRequestDoesNotAllocate(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	ts := startServer(t, o, "")
	s := newSession(t, ts, `{"stream":"show","viewer_id":"alloc","interests":["sports"],"device":"tv"}`)
	u := mediaURL(t, ts, s.ManifestURL)
	get(t, u) // warm
	path := u[len(ts.url):]
	var ctx fasthttp.RequestCtx
	allocs := testing.AllocsPerRun(200, func() {
		ctx.Request.Reset()
		ctx.Response.Reset()
		ctx.Request.SetRequestURI(path)
		ts.srv.Handler(&ctx)
	})
	if ctx.Response.StatusCode() != 200 {
		t.Fatalf("status %d", ctx.Response.StatusCode())
	}
	if allocs != 0 {
		t.Fatalf("personalized playlist request allocates %.1f times, want 0", allocs)
	}
}

// Beacon routes split their path on every request.
func TestSplitPathDoesNotAllocate(t *testing.T) {
	var parts [5]string
	allocs := testing.AllocsPerRun(100, func() {
		if !splitPath("sess/brk/0/ad/start", parts[:]) {
			t.Fatal("refused")
		}
	})
	if allocs != 0 {
		t.Fatalf("splitPath allocates %.1f times, want 0", allocs)
	}
}
