package variants

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"
)

// Run renders queued variants, Concurrency at a time, evicts after each
// ready variant and, every minute, persists uses and refreshes from the
// shared dir. It returns when ctx is done and its renders have stopped:
// they are cancelled, their temp dirs removed, and their variants queued
// again for the next Run. Call it once (a concurrent second call returns
// at once).
func (s *Service) Run(ctx context.Context) {
	if !s.running.CompareAndSwap(false, true) {
		s.log.Error("variants: Run called while already running")
		return
	}
	defer s.running.Store(false)
	var wg sync.WaitGroup
	tick := time.NewTicker(s.sweepEvery)
	defer tick.Stop()
	s.removeStaleTemps()
	for {
		s.dispatch(ctx, &wg)
		select {
		case <-ctx.Done():
			wg.Wait()
			s.sweep()
			return
		case <-s.kick:
		case <-tick.C:
			s.sweep()
		}
	}
}

// dispatch starts workers for queued variants while slots are free, then
// evicts if a variant became ready over budget.
func (s *Service) dispatch(ctx context.Context, wg *sync.WaitGroup) {
	if ctx.Err() != nil {
		return
	}
	s.mu.Lock()
	for s.rendering < s.cfg.Concurrency && s.queue.Len() > 0 {
		e := heap.Pop(&s.queue).(*entry)
		e.gen++
		e.v.Status = StatusRendering
		e.v.Progress = 0
		e.v.Attempts++
		s.rendering++
		wg.Add(1)
		go func(a attempt) {
			defer wg.Done()
			s.work(ctx, a)
		}(attempt{e: e, gen: e.gen, render: e.render, meta: e.v})
	}
	s.mu.Unlock()
	s.evict()
}

// attempt is one render of one entry. Its results count only while the
// entry's gen still equals gen.
type attempt struct {
	e      *entry
	gen    int
	render RenderFunc
	meta   Variant // the record as queued
}

func (s *Service) work(ctx context.Context, a attempt) {
	defer func() {
		s.mu.Lock()
		s.rendering--
		s.mu.Unlock()
		s.wake()
	}()
	id := a.meta.ID
	if v, used, err := s.readMarker(id); err == nil {
		s.publish(v, used) // rendered by another instance meanwhile
		return
	}
	rctx, cancel := context.WithTimeout(ctx, s.cfg.RenderTimeout)
	defer cancel()
	s.mu.Lock()
	if a.e.gen != a.gen {
		s.mu.Unlock()
		return
	}
	a.e.cancel = cancel
	s.mu.Unlock()

	start := time.Now()
	v, used, err := s.renderInto(rctx, a)
	switch {
	case err == nil:
		s.publish(v, used)
		s.log.Debug("variant rendered", "id", id, "took", time.Since(start))
	case ctx.Err() != nil:
		s.requeue(a) // Run is stopping: not the variant's fault
	case errors.Is(rctx.Err(), context.DeadlineExceeded):
		s.fail(a, "render timed out after "+s.cfg.RenderTimeout.String())
	default:
		s.fail(a, err.Error())
	}
}

// renderInto runs the RenderFunc in a fresh temp dir and installs the
// result by the rendering protocol: files synced, marker written last,
// rename into place. The temp dir is gone when it returns.
func (s *Service) renderInto(ctx context.Context, a attempt) (Variant, time.Time, error) {
	id := a.meta.ID
	tmp, err := os.MkdirTemp(s.cfg.Dir, tempPrefix+id+"-")
	if err != nil {
		return Variant{}, time.Time{}, fmt.Errorf("create render dir: %w", err)
	}
	defer func() {
		if err := os.RemoveAll(tmp); err != nil { // nothing left after a rename
			s.log.Warn("remove render dir", "path", tmp, "err", err)
		}
	}()
	res, err := s.callRender(ctx, a, tmp)
	if err != nil {
		return Variant{}, time.Time{}, err
	}
	if fi, err := os.Stat(filepath.Join(tmp, "master.m3u8")); err != nil || !fi.Mode().IsRegular() {
		return Variant{}, time.Time{}, errors.New("render wrote no master.m3u8")
	}
	size, err := syncTree(tmp)
	if err != nil {
		return Variant{}, time.Time{}, err
	}
	v := a.meta
	v.Status = StatusReady
	v.Progress = 1
	v.Duration = finite(res.Duration)
	v.Bytes = size
	v.RenderedAt = s.now().UTC()
	v.MasterURL = s.cfg.URLPrefix + id + "/master.m3u8"
	if err := writeMarker(tmp, v); err != nil {
		return Variant{}, time.Time{}, err
	}
	return s.install(tmp, id, v)
}

// callRender calls the RenderFunc, turning a panic into an error so one
// bad render cannot take the queue down.
func (s *Service) callRender(ctx context.Context, a attempt, dir string) (res Rendered, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("variant render panicked", "id", a.meta.ID, "panic", p, "stack", string(debug.Stack()))
			err = fmt.Errorf("render panicked: %v", p)
		}
	}()
	progress := func(p float64) {
		if !(p >= 0) { // negative or NaN
			return
		}
		s.mu.Lock()
		if a.e.gen == a.gen && a.e.v.Status == StatusRendering {
			a.e.v.Progress = min(p, 1)
		}
		s.mu.Unlock()
	}
	return a.render(ctx, dir, progress)
}

func (s *Service) fail(a attempt, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a.e.gen != a.gen || a.e.c != nil {
		return
	}
	a.e.v.Status = StatusFailed
	a.e.v.Error = msg
	a.e.v.Progress = 0
	a.e.failedAt = s.now()
	a.e.cancel = nil
	a.e.render = nil // a retry brings its own closure
	s.log.Warn("variant render failed", "id", a.meta.ID, "creative", a.meta.CreativeID,
		"attempt", a.e.v.Attempts, "err", msg)
}

// requeue puts back an attempt cut short by Run stopping, in its old place.
func (s *Service) requeue(a attempt) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a.e.gen != a.gen || a.e.c != nil {
		return
	}
	a.e.v.Status = StatusQueued
	a.e.v.Progress = 0
	a.e.v.Attempts--
	a.e.cancel = nil
	heap.Push(&s.queue, a.e)
}

func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return 0
	}
	return f
}
