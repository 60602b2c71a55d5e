package variants

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Many concurrent Ensure calls for one key render it once, and OnReady
// fires once.
func TestEnsureDedup(t *testing.T) {
	var ready atomic.Int32
	s := newService(t, Config{OnReady: func(Variant) { ready.Add(1) }})
	start(t, s)
	var renders atomic.Int32
	release := make(chan struct{})
	r := req(1, counted(&renders, gated(nil, release, "k", writeLadder(100))))
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := r
			r.Priority = Priority(i % 2)
			if v := s.Ensure(r); v.ID != r.Key || v.Status == StatusFailed {
				t.Errorf("Ensure = %+v", v)
			}
		}()
	}
	wg.Wait()
	close(release)
	v := waitStatus(t, s, r.Key, StatusReady)
	waitFor(t, "OnReady", func() bool { return ready.Load() > 0 }) // called after publication
	for range 4 {
		if got := s.Ensure(r); got.Status != StatusReady {
			t.Fatalf("Ensure after ready = %s", got.Status)
		}
	}
	if n := renders.Load(); n != 1 {
		t.Errorf("rendered %d times, want 1", n)
	}
	if n := ready.Load(); n != 1 {
		t.Errorf("OnReady called %d times, want 1", n)
	}
	if v.Bytes != 100+ladderOverhead || v.Duration != 10 || v.Progress != 1 || v.Attempts != 1 {
		t.Errorf("ready variant = %+v", v)
	}
	if v.RenderedAt.IsZero() || v.LastUsed.IsZero() || v.CreatedAt.IsZero() {
		t.Errorf("times not set: %+v", v)
	}
}

func TestEnsureRejects(t *testing.T) {
	s := newService(t, Config{})
	for _, tc := range []struct {
		name string
		r    Request
		want string
	}{
		{"empty key", Request{Render: writeLadder(1)}, "invalid key"},
		{"upper case", Request{Key: strings.ToUpper(key(1)), Render: writeLadder(1)}, "invalid key"},
		{"traversal", Request{Key: "../../../../../../../../etc/pass", Render: writeLadder(1)}, "invalid key"},
		{"no render", Request{Key: key(1)}, "no render function"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := s.Ensure(tc.r)
			if v.Status != StatusFailed || !strings.Contains(v.Error, tc.want) {
				t.Errorf("Ensure = %s %q, want failed %q", v.Status, v.Error, tc.want)
			}
			if _, ok := s.Get(tc.r.Key); ok {
				t.Errorf("rejected request remembered")
			}
		})
	}
}

// A failed render keeps its error; the queue goes on with the next one.
func TestRenderFailures(t *testing.T) {
	for _, tc := range []struct {
		name   string
		render RenderFunc
		want   string
	}{
		{"error", func(context.Context, string, func(float64)) (Rendered, error) {
			return Rendered{}, errBoom
		}, "boom"},
		{"panic", func(context.Context, string, func(float64)) (Rendered, error) {
			panic("codec exploded")
		}, "render panicked: codec exploded"},
		{"timeout", func(ctx context.Context, _ string, _ func(float64)) (Rendered, error) {
			<-ctx.Done()
			return Rendered{}, ctx.Err()
		}, "render timed out after 50ms"},
		{"no master", func(context.Context, string, func(float64)) (Rendered, error) {
			return Rendered{}, nil
		}, "render wrote no master.m3u8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newService(t, Config{RenderTimeout: 50 * time.Millisecond})
			start(t, s)
			bad := s.Ensure(req(1, tc.render))
			good := s.Ensure(req(2, writeLadder(10)))
			v := waitStatus(t, s, bad.ID, StatusFailed)
			if v.Error != tc.want {
				t.Errorf("error = %q, want %q", v.Error, tc.want)
			}
			if v.Attempts != 1 || v.Progress != 0 {
				t.Errorf("failed variant = %+v", v)
			}
			waitStatus(t, s, good.ID, StatusReady)
			if got := s.Stats(); got.Failed != 1 || got.Ready != 1 {
				t.Errorf("Stats = %+v", got)
			}
			if l := leftovers(t, s.cfg.Dir); len(l) != 0 {
				t.Errorf("temp dirs left: %v", l)
			}
		})
	}
}

// A failed variant is rendered again by an Ensure after RetryAfter, three
// attempts at most.
func TestRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		name      string
		failFirst int32 // attempts that fail before it succeeds
		want      Status
		attempts  int
	}{
		{"second attempt succeeds", 1, StatusReady, 2},
		{"third attempt succeeds", 2, StatusReady, 3},
		{"gives up after three", 100, StatusFailed, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newService(t, Config{RetryAfter: time.Minute})
			clk := newClock(time.Now())
			s.now = clk.Now
			start(t, s)
			var calls atomic.Int32
			render := func(ctx context.Context, dir string, p func(float64)) (Rendered, error) {
				if calls.Add(1) <= tc.failFirst {
					return Rendered{}, errBoom
				}
				return writeLadder(10)(ctx, dir, p)
			}
			r := req(1, render)
			s.Ensure(r)
			var v Variant
			for attempt := 1; ; attempt++ {
				waitFor(t, "attempt to finish", func() bool {
					v, _ = s.Get(r.Key)
					return v.Status == StatusReady || v.Status == StatusFailed
				})
				if v.Status == StatusReady || attempt == 5 {
					break
				}
				clk.Add(59 * time.Second)
				if got := s.Ensure(r); got.Status != StatusFailed {
					t.Fatalf("Ensure before RetryAfter = %s, want failed", got.Status)
				}
				clk.Add(time.Second)
				s.Ensure(r)
			}
			if v.Status != tc.want || v.Attempts != tc.attempts || int(calls.Load()) != tc.attempts {
				t.Errorf("got %s after %d attempts (%d calls), want %s after %d",
					v.Status, v.Attempts, calls.Load(), tc.want, tc.attempts)
			}
		})
	}
}

// Ensure copies the request's context: the caller may reuse its map.
func TestEnsureCopiesContext(t *testing.T) {
	s := newService(t, Config{})
	r := req(1, writeLadder(1))
	s.Ensure(r)
	r.Context["city"] = "Paris"
	if v, _ := s.Get(r.Key); v.Context["city"] != "Madrid" {
		t.Errorf("context = %v, want city Madrid", v.Context)
	}
}

func TestListAndStats(t *testing.T) {
	s := newService(t, Config{})
	clk := newClock(time.Now())
	s.now = clk.Now
	for _, i := range []int{3, 1, 2, 4} {
		s.Ensure(req(i, writeLadder(1)))
		clk.Add(time.Second)
	}
	ids := func(vs []Variant) []string {
		var out []string
		for _, v := range vs {
			out = append(out, v.ID)
		}
		return out
	}
	for _, tc := range []struct {
		creative string
		want     []string
	}{
		{"", []string{key(3), key(1), key(2), key(4)}},
		{"c0", []string{key(2), key(4)}},
		{"c1", []string{key(3), key(1)}},
		{"none", nil},
	} {
		if got := ids(s.List(tc.creative)); strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("List(%q) = %v, want %v", tc.creative, got, tc.want)
		}
	}
	if got := s.Stats(); got != (Stats{Queued: 4}) {
		t.Errorf("Stats = %+v, want 4 queued", got)
	}
	start(t, s)
	waitFor(t, "all ready", func() bool { return s.Stats().Ready == 4 })
	if got := s.Stats(); got != (Stats{Ready: 4, Bytes: 4 * (1 + ladderOverhead)}) {
		t.Errorf("Stats = %+v", got)
	}
	for _, v := range s.List("") {
		if v.Status != StatusReady || v.MasterURL != v.ID+"/master.m3u8" {
			t.Errorf("listed %+v", v)
		}
	}
}
