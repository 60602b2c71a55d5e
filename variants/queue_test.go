package variants

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// With one worker held by a blocker, requests queue up; the render order
// is priority, then FIFO, and a High request for a queued Low variant
// moves it to the end of the High line.
func TestQueueOrder(t *testing.T) {
	type step struct {
		n    int
		prio Priority
	}
	for _, tc := range []struct {
		name  string
		steps []step
		want  []int
	}{
		{"fifo", []step{{1, Low}, {2, Low}, {3, Low}}, []int{1, 2, 3}},
		{"high jumps", []step{{1, Low}, {2, Low}, {3, High}}, []int{3, 1, 2}},
		{"high fifo", []step{{1, High}, {2, Low}, {3, High}}, []int{1, 3, 2}},
		{"upgrade", []step{{1, Low}, {2, Low}, {3, Low}, {4, High}, {2, High}}, []int{4, 2, 1, 3}},
		{"low does not downgrade", []step{{1, High}, {2, High}, {1, Low}}, []int{1, 2}},
		{"duplicate low keeps place", []step{{1, Low}, {2, Low}, {1, Low}}, []int{1, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newService(t, Config{})
			start(t, s)
			started := make(chan string, 16)
			release := make(chan struct{})
			s.Ensure(req(0, gated(started, release, "blocker", writeLadder(1))))
			if got := <-started; got != "blocker" {
				t.Fatalf("first render %s", got)
			}
			for _, st := range tc.steps {
				r := req(st.n, nil)
				r.Priority = st.prio
				r.Render = func(ctx context.Context, dir string, p func(float64)) (Rendered, error) {
					started <- strconv.Itoa(st.n)
					return writeLadder(1)(ctx, dir, p)
				}
				s.Ensure(r)
			}
			if got := s.Stats().Queued; got != len(tc.want) {
				t.Errorf("queued %d, want %d", got, len(tc.want))
			}
			close(release)
			var got []int
			for range tc.want {
				n, _ := strconv.Atoi(<-started)
				got = append(got, n)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("render order %v, want %v", got, tc.want)
			}
		})
	}
}

// No more than Concurrency renders run at once, and Stats shows them.
func TestConcurrencyBound(t *testing.T) {
	for _, conc := range []int{1, 2, 3} {
		t.Run(strconv.Itoa(conc), func(t *testing.T) {
			s := newService(t, Config{Concurrency: conc})
			start(t, s)
			var now, peak atomic.Int32
			started := make(chan string, 16)
			release := make(chan struct{})
			const n = 7
			for i := range n {
				s.Ensure(req(i, func(ctx context.Context, dir string, p func(float64)) (Rendered, error) {
					raise32(&peak, now.Add(1))
					defer now.Add(-1)
					return gated(started, release, "", writeLadder(1))(ctx, dir, p)
				}))
			}
			for range conc {
				<-started
			}
			time.Sleep(20 * time.Millisecond) // would a further worker start?
			if st := s.Stats(); st.Rendering != conc || st.Queued != n-conc {
				t.Errorf("Stats = %+v, want %d rendering, %d queued", st, conc, n-conc)
			}
			close(release)
			waitFor(t, "all ready", func() bool { return s.Stats().Ready == n })
			if p := peak.Load(); int(p) != conc {
				t.Errorf("peak concurrency %d, want %d", p, conc)
			}
		})
	}
}

func raise32(a *atomic.Int32, v int32) {
	for old := a.Load(); old < v && !a.CompareAndSwap(old, v); old = a.Load() {
	}
}

// Progress reported by the render is visible while it runs.
func TestProgressVisible(t *testing.T) {
	s := newService(t, Config{})
	start(t, s)
	reported := make(chan struct{})
	release := make(chan struct{})
	v := s.Ensure(req(1, func(ctx context.Context, dir string, progress func(float64)) (Rendered, error) {
		progress(0.25)
		progress(-1) // ignored
		progress(0.4)
		close(reported)
		<-release
		progress(7) // clamped
		return writeLadder(1)(ctx, dir, func(float64) {})
	}))
	<-reported
	if got, _ := s.Get(v.ID); got.Status != StatusRendering || got.Progress != 0.4 {
		t.Errorf("while rendering: %s %.2f, want rendering 0.40", got.Status, got.Progress)
	}
	close(release)
	if got := waitStatus(t, s, v.ID, StatusReady); got.Progress != 1 {
		t.Errorf("ready progress %.2f", got.Progress)
	}
}

// Low requests beyond MaxQueued fail with "queue full" and are queued by a
// later Ensure once there is room; High requests are always queued.
func TestMaxQueued(t *testing.T) {
	s := newService(t, Config{MaxQueued: 2})
	start(t, s)
	started := make(chan string, 16)
	release := make(chan struct{})
	s.Ensure(req(0, gated(started, release, "blocker", writeLadder(1))))
	<-started
	render := gated(nil, release, "", writeLadder(1))
	for i, want := range []Status{StatusQueued, StatusQueued, StatusFailed} {
		if v := s.Ensure(req(i+1, render)); v.Status != want {
			t.Errorf("Low #%d: %s, want %s", i+1, v.Status, want)
		}
	}
	if v, _ := s.Get(key(3)); v.Error != "queue full" || v.Attempts != 0 {
		t.Errorf("refused variant = %+v", v)
	}
	high := req(4, render)
	high.Priority = High
	if v := s.Ensure(high); v.Status != StatusQueued {
		t.Errorf("High beyond MaxQueued: %s, want queued", v.Status)
	}
	close(release)
	waitFor(t, "queue drained", func() bool { return s.Stats().Ready == 4 })
	if v := s.Ensure(req(3, render)); v.Status != StatusQueued {
		t.Errorf("refused variant ensured again: %s, want queued", v.Status)
	}
	waitStatus(t, s, key(3), StatusReady)
}

// Cancelling Run cancels in-flight renders, removes their temp dirs and
// queues their variants again; the next Run renders them.
func TestRunCancel(t *testing.T) {
	s := newService(t, Config{Concurrency: 2})
	stop := start(t, s)
	started := make(chan string, 16)
	render := func(ctx context.Context, dir string, p func(float64)) (Rendered, error) {
		if err := os.WriteFile(filepath.Join(dir, "master.m3u8"), nil, 0o644); err != nil {
			return Rendered{}, err
		}
		started <- dir
		<-ctx.Done()
		return Rendered{}, ctx.Err()
	}
	for i := range 3 {
		s.Ensure(req(i, render))
	}
	<-started
	<-started
	stop()
	if l := leftovers(t, s.cfg.Dir); len(l) != 0 {
		t.Errorf("temp dirs left after Run: %v", l)
	}
	for i := range 3 {
		if v, _ := s.Get(key(i)); v.Status != StatusQueued || v.Attempts != 0 {
			t.Errorf("variant %d after stop: %s, %d attempts; want queued, 0", i, v.Status, v.Attempts)
		}
	}
	if got := s.Stats(); got.Queued != 3 || got.Rendering != 0 {
		t.Errorf("Stats after stop = %+v", got)
	}
	// Run again, with a render that completes (Ensure does not replace the
	// queued closure, so swap it as a new process would re-queue).
	s.mu.Lock()
	for _, e := range s.queue {
		e.render = writeLadder(1)
	}
	s.mu.Unlock()
	start(t, s)
	waitFor(t, "all ready", func() bool { return s.Stats().Ready == 3 })
}
