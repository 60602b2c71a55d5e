package adserver

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/decision"
	"github.com/adstitch/adstitch/adserver/session"
	"github.com/adstitch/adstitch/configs"
)

// readyzOf calls the handler directly: it answers before Serve and while
// Serve drains, when no new connection would be accepted.
func readyzOf(s *Server) (int, readyAnswer) {
	var ctx fasthttp.RequestCtx
	ctx.Request.SetRequestURI("/readyz")
	s.Handler(&ctx)
	var a readyAnswer
	_ = json.Unmarshal(ctx.Response.Body(), &a)
	return ctx.Response.StatusCode(), a
}

func failing(a readyAnswer) []string {
	var out []string
	for _, n := range a.NotReady {
		out = append(out, n.Check)
	}
	return out
}

// Readiness follows the server's life: not serving, serving without a
// campaign snapshot, ready, a registered check failing and recovering,
// and shutting down with a request in flight. Liveness stays 200.
func TestReadinessTransitions(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	var spoolFull atomic.Bool
	ts := startServerWith(t, o, "", func(d *Deps) { d.Engine = decision.NewEngine(nil) })
	srv := ts.srv

	step := func(name string, wantCode int, wantFailing ...string) {
		t.Helper()
		code, a := readyzOf(srv)
		got := failing(a)
		if code != wantCode || len(got) != len(wantFailing) {
			t.Fatalf("%s: /readyz = %d %v, want %d %v", name, code, a, wantCode, wantFailing)
		}
		for i := range got {
			if got[i] != wantFailing[i] || a.NotReady[i].Error == "" {
				t.Fatalf("%s: failing %v, want %v", name, a.NotReady, wantFailing)
			}
		}
		if code == 200 && a.Status != "ready" || code == 503 && a.Status != "not_ready" {
			t.Fatalf("%s: status %q", name, a.Status)
		}
	}
	waitFor(t, func() bool { return srv.ready.serving.Load() })
	step("no snapshot yet", 503, "campaign_snapshot")
	if err := srv.ApplySnapshot(1, []campaign.Campaign{}); err != nil {
		t.Fatal(err)
	}
	step("snapshot applied", 200)

	srv.AddReadyCheck(ReadyCheck{Name: "event_spool", Check: func() error {
		if spoolFull.Load() {
			return errors.New("spool full")
		}
		return nil
	}})
	step("check passing", 200)
	spoolFull.Store(true)
	step("check failing", 503, "event_spool")
	if code, _, body := get(t, ts.url+"/readyz"); code != 503 {
		t.Fatalf("over HTTP: %d %s", code, body)
	}
	spoolFull.Store(false)
	step("check recovered", 200)
	if code, _, body := get(t, ts.url+"/healthz"); code != 200 || body != `{"status":"ok"}` {
		t.Fatalf("/healthz = %d %s", code, body)
	}
}

// Once shutdown starts, /readyz is 503 while in-flight requests are still
// answered; Serve returns once they are.
func TestReadinessDuringShutdown(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	o.set("/slow/master.m3u8", testMaster)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newSlowServer(t, o, ln)
	ctx, cancel := contextWithCancel()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()
	waitFor(t, func() bool { return srv.ready.serving.Load() })
	if code, _ := readyzOf(srv); code != 200 {
		t.Fatalf("before shutdown: %d", code)
	}

	// The origin sleeps 1 s on /slow/: the master request is in flight
	// when the shutdown starts.
	answered := make(chan int, 1)
	go func() {
		resp, err := http.Get(base + "/v1/master/slow.m3u8?viewer_id=v")
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	waitFor(t, func() bool { return srv.reqs.metrics.inFlight.Load() == 1 })
	cancel()
	waitFor(t, func() bool { return srv.ready.stopping.Load() })
	if code, a := readyzOf(srv); code != 503 || len(a.NotReady) != 1 || a.NotReady[0].Error != ErrShuttingDown.Error() {
		t.Fatalf("during shutdown: %d %v", code, a)
	}
	if code := <-answered; code != 200 {
		t.Fatalf("in-flight request answered %d, want 200", code)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(drainTimeout):
		t.Fatal("Serve did not return after the drain")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("still accepting connections after shutdown")
	}
}

// With shutdown_delay, a stopping server answers 503 on /readyz while it
// keeps serving requests, then drains and closes.
func TestShutdownDelayKeepsServing(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newSlowServer(t, o, ln)
	const delay = 800 * time.Millisecond
	srv.cfg.ShutdownDelay = configs.Duration(delay)
	ctx, cancel := contextWithCancel()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()
	waitFor(t, func() bool { return srv.ready.serving.Load() })
	start := time.Now()
	cancel()
	waitFor(t, func() bool { return srv.ready.stopping.Load() })
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatalf("readyz during the delay: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 {
		t.Fatalf("readyz during the delay: %d, want 503", resp.StatusCode)
	}
	resp, err = http.Get(base + "/healthz") // alive, and answering
	if err != nil {
		t.Fatalf("request during the delay: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("request during the delay: %d, want 200", resp.StatusCode)
	}
	if err := <-served; err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < delay {
		t.Fatalf("Serve returned %v after the signal, before the %v delay", took, delay)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("still accepting connections after shutdown")
	}
}

// newSlowServer builds, without serving, a server whose stream "slow"
// has its master on the fake origin's 1 s path.
func newSlowServer(t *testing.T, o *fakeOrigin, ln net.Listener) *Server {
	t.Helper()
	yaml := fmt.Sprintf(`listen: %s
data_dir: %s
streams:
  - {id: slow, origin: %s/slow/master.m3u8, kind: vod, breaks: [preroll], break_duration: 12s}
fill:
  - {id: house, hls: %s/ad/master.m3u8}
origins_allow: [%s]
sessions:
  keys: [{id: k1, secret: 0123456789abcdef0123456789abcdef}]
`, ln.Addr(), t.TempDir(), o.srv.URL, o.srv.URL, o.host())
	cfg, err := configs.Parse([]byte(yaml), "slow.yaml")
	if err != nil {
		t.Fatal(err)
	}
	kr, err := session.NewKeyring([]session.Key{{ID: "k1", Secret: []byte("0123456789abcdef0123456789abcdef")}}, "k1", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Deps{Config: cfg, Keyring: kr, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Recorder: &captureRecorder{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in 5 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
