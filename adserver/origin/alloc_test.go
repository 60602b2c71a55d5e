//go:build !race

package origin

import (
	"context"
	"testing"
	"time"
)

// The hot path: Get on a fresh entry, and on an entry serving stale while
// the origin is down, must not allocate.
func TestGetHitAllocs(t *testing.T) {
	o := newOrigin(t)
	o.handle("/a.m3u8", serveBody(playlist))
	clk := newClock()
	c := newTestCache(t, o, clk, nil)
	ctx := context.Background()
	u := o.URL + "/a.m3u8"
	if _, err := c.Get(ctx, u); err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(1000, func() { _, _ = c.Get(ctx, u) }); n != 0 {
		t.Errorf("fresh hit: %.1f allocs per Get, want 0", n)
	}

	o.handle("/a.m3u8", nil) // unhandled: now a 404
	clk.Advance(11 * time.Second)
	if res, err := c.Get(ctx, u); err != nil || !res.Stale {
		t.Fatalf("Get = %+v, %v; want stale", res, err)
	}
	if n := testing.AllocsPerRun(1000, func() { _, _ = c.Get(ctx, u) }); n != 0 {
		t.Errorf("stale hit: %.1f allocs per Get, want 0", n)
	}
}
