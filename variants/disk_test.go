package variants

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// A Service opened on a dir another one rendered into (a restart, or a
// second instance) serves those variants without rendering.
func TestRestartLoadsVariants(t *testing.T) {
	dir := t.TempDir()
	a := newService(t, Config{Dir: dir, URLPrefix: "http://a/"})
	stopA := start(t, a)
	for i := range 3 {
		a.Ensure(req(i, writeLadder(100*(i+1))))
	}
	waitFor(t, "A ready", func() bool { return a.Stats().Ready == 3 })
	stopA()
	var loaded []string
	b := newService(t, Config{Dir: dir, URLPrefix: "http://b/",
		OnReady: func(v Variant) { loaded = append(loaded, v.ID) }})
	slices.Sort(loaded)
	want := []string{key(0), key(1), key(2)}
	slices.Sort(want)
	if !slices.Equal(loaded, want) {
		t.Errorf("OnReady for loaded variants %v, want %v", loaded, want)
	}
	for i := range 3 {
		va, _ := a.Get(key(i))
		vb, ok := b.Ready(key(i))
		if !ok {
			t.Fatalf("variant %d not ready after restart", i)
		}
		if vb.Bytes != va.Bytes || vb.Duration != va.Duration || !vb.RenderedAt.Equal(va.RenderedAt) ||
			vb.Context["city"] != "Madrid" || vb.CreativeID != va.CreativeID {
			t.Errorf("restart changed variant:\n got %+v\nwant %+v", vb, va)
		}
		if want := "http://b/" + key(i) + "/master.m3u8"; vb.MasterURL != want {
			t.Errorf("MasterURL %s, want %s", vb.MasterURL, want)
		}
	}
	if got, want := b.Stats().Bytes, a.Stats().Bytes; got != want {
		t.Errorf("bytes after restart %d, want %d", got, want)
	}
}

// A variant another instance rendered into the shared dir after this one
// started is found by Ensure, not rendered again.
func TestEnsureAdoptsSharedVariant(t *testing.T) {
	dir := t.TempDir()
	a := newService(t, Config{Dir: dir})
	b := newService(t, Config{Dir: dir})
	start(t, a)
	start(t, b)
	a.Ensure(req(1, writeLadder(10)))
	waitStatus(t, a, key(1), StatusReady)
	if _, ok := b.Ready(key(1)); ok {
		t.Fatal("B knows a variant it never looked for")
	}
	var renders atomic.Int32
	v := b.Ensure(req(1, counted(&renders, writeLadder(10))))
	if v.Status != StatusReady || renders.Load() != 0 {
		t.Errorf("B.Ensure = %s with %d renders, want ready without rendering", v.Status, renders.Load())
	}
}

// Two instances rendering the same key at once end with one directory,
// both serving the winner's record, each calling OnReady once.
func TestRaceSameKey(t *testing.T) {
	dir := t.TempDir()
	var readyA, readyB atomic.Int32
	a := newService(t, Config{Dir: dir, OnReady: func(Variant) { readyA.Add(1) }})
	b := newService(t, Config{Dir: dir, OnReady: func(Variant) { readyB.Add(1) }})
	start(t, a)
	start(t, b)
	started := make(chan string, 2)
	release := make(chan struct{})
	a.Ensure(req(1, gated(started, release, "a", writeLadder(10))))
	b.Ensure(req(1, gated(started, release, "b", writeLadder(20))))
	<-started
	<-started // both are rendering into their own temp dirs
	close(release)
	va := waitStatus(t, a, key(1), StatusReady)
	vb := waitStatus(t, b, key(1), StatusReady)
	waitFor(t, "OnReady", func() bool { return readyA.Load() == 1 && readyB.Load() == 1 })
	if !va.RenderedAt.Equal(vb.RenderedAt) || va.Bytes != vb.Bytes {
		t.Errorf("instances disagree:\n a %+v\n b %+v", va, vb)
	}
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(des) != 1 || des[0].Name() != key(1) {
		var names []string
		for _, de := range des {
			names = append(names, de.Name())
		}
		t.Errorf("dir holds %v, want just %s", names, key(1))
	}
	time.Sleep(10 * time.Millisecond)
	if readyA.Load() != 1 || readyB.Load() != 1 {
		t.Errorf("OnReady called %d and %d times, want once each", readyA.Load(), readyB.Load())
	}
}

// New removes stale temp dirs and variant dirs without a valid marker, and
// leaves a young temp dir (another instance's render) and foreign files.
func TestNewCleansDir(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	mk := func(name string, files map[string]string, mtime time.Time) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		for f, body := range files {
			if err := os.WriteFile(filepath.Join(p, f), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if !mtime.IsZero() {
			if err := os.Chtimes(p, mtime, mtime); err != nil {
				t.Fatal(err)
			}
		}
	}
	mk(tempPrefix+key(1)+"-123", map[string]string{"master.m3u8": "x"}, old)
	mk(tempPrefix+key(2)+"-456", map[string]string{"master.m3u8": "x"}, time.Time{})
	mk(key(3), map[string]string{"master.m3u8": "x"}, time.Time{})
	mk(key(4), map[string]string{markerName: "{not json"}, time.Time{})
	mk(key(5), map[string]string{markerName: `{"id":"` + key(6) + `","status":"ready"}`}, time.Time{})
	mk("lost+found", nil, time.Time{})
	if err := os.WriteFile(filepath.Join(dir, "README"), nil, 0o644); err != nil {
		t.Fatal(err)
	}

	s := newService(t, Config{Dir: dir, RenderTimeout: time.Minute})
	if st := s.Stats(); st.Ready != 0 {
		t.Errorf("loaded %d variants from debris", st.Ready)
	}
	var names []string
	des, _ := os.ReadDir(dir)
	for _, de := range des {
		names = append(names, de.Name())
	}
	want := []string{tempPrefix + key(2) + "-456", "README", "lost+found"}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("after New dir holds %v, want %v", names, want)
	}
}

// A queued variant that another instance renders meanwhile is adopted by
// the worker instead of rendered.
func TestWorkerAdoptsBeforeRender(t *testing.T) {
	dir := t.TempDir()
	a := newService(t, Config{Dir: dir})
	b := newService(t, Config{Dir: dir})
	var renders atomic.Int32
	b.Ensure(req(1, counted(&renders, writeLadder(10)))) // queued, B not running
	start(t, a)
	a.Ensure(req(1, writeLadder(10)))
	waitStatus(t, a, key(1), StatusReady)
	start(t, b)
	waitStatus(t, b, key(1), StatusReady)
	if renders.Load() != 0 {
		t.Errorf("B rendered a variant already on disk")
	}
}

var casesMarker = []struct {
	name string
	body string
	ok   bool
}{
	{"ready", `{"id":"` + key(1) + `","creative_id":"c","status":"ready","bytes":10,"rendered_at":"2026-01-02T03:04:05Z"}`, true},
	{"other id", `{"id":"` + key(2) + `","status":"ready"}`, false},
	{"not ready", `{"id":"` + key(1) + `","status":"rendering"}`, false},
	{"truncated", `{"id":"` + key(1) + `","status":"rea`, false},
	{"not json", "#EXTM3U\n", false},
	{"empty", "", false},
	{"negative bytes", `{"id":"` + key(1) + `","status":"ready","bytes":-1}`, false},
	{"wrong types", `{"id":"` + key(1) + `","status":"ready","bytes":"ten"}`, false},
}

func TestDecodeMarker(t *testing.T) {
	for _, tc := range casesMarker {
		t.Run(tc.name, func(t *testing.T) {
			v, err := decodeMarker([]byte(tc.body), key(1))
			if tc.ok != (err == nil) {
				t.Fatalf("decodeMarker = %+v, %v; want ok %v", v, err, tc.ok)
			}
			if err != nil && !errors.Is(err, errBadMarker) {
				t.Errorf("error %v is not errBadMarker", err)
			}
		})
	}
}

// Marker files come from a shared dir: any bytes decode to a ready record
// of the asked ID or to errBadMarker, never a panic.
func FuzzDecodeMarker(f *testing.F) {
	for _, tc := range casesMarker {
		f.Add([]byte(tc.body))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := decodeMarker(b, key(1))
		if err != nil {
			if !errors.Is(err, errBadMarker) {
				t.Fatalf("error %v is not errBadMarker", err)
			}
			return
		}
		if v.ID != key(1) || v.Status != StatusReady {
			t.Fatalf("accepted %+v", v)
		}
	})
}
