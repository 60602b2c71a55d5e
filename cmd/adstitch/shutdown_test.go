//go:build unix

package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/spool"
	"github.com/adstitch/adstitch/configs"
)

// slowOrigin serves proofOrigin's files, and under /slow/{any}/ the same
// files after a delay, reporting each slow request on started.
func slowOrigin(t *testing.T, delay time.Duration, started chan<- struct{}) *httptest.Server {
	t.Helper()
	base := proofOrigin(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.Path
		if p, ok := strings.CutPrefix(path, "/slow/"); ok {
			started <- struct{}{}
			time.Sleep(delay)
			_, path, _ = strings.Cut(p, "/")
			path = "/" + path
		}
		resp, err := http.Get(base.URL + path)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		io.Copy(w, resp.Body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// On cancel, serve stops accepting, answers the requests in flight, and
// leaves every event it acknowledged durable: in the store, or in the
// spool for the next start.
func TestGracefulShutdown(t *testing.T) {
	const inFlight = 3
	started := make(chan struct{}, 16)
	origin := slowOrigin(t, 1500*time.Millisecond, started)
	dir := t.TempDir()
	listen := freeAddr(t)
	yaml := fmt.Sprintf(`listen: %s
data_dir: %s
streams:
  - {id: show, origin: %[3]s/show/master.m3u8, kind: vod, breaks: [preroll, 20s], break_duration: 12s}
  - {id: slow0, origin: %[3]s/slow/0/show/master.m3u8, kind: vod, breaks: [preroll], break_duration: 12s}
  - {id: slow1, origin: %[3]s/slow/1/show/master.m3u8, kind: vod, breaks: [preroll], break_duration: 12s}
  - {id: slow2, origin: %[3]s/slow/2/show/master.m3u8, kind: vod, breaks: [preroll], break_duration: 12s}
fill:
  - {id: %[4]s, hls: %[3]s/ad/master.m3u8}
origins_allow: [%[5]s]
sessions: {keys: [{id: k1, secret: %[6]s}]}
`, listen, filepath.Join(dir, "var"), origin.URL, proofAd, strings.TrimPrefix(origin.URL, "http://"), proofSessionKey)
	cfgPath := filepath.Join(dir, "adstitch.yaml")
	if err := os.WriteFile(cfgPath, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := configs.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), serveOptions{}, nil) }()
	base := "http://" + listen
	waitFor(t, 20*time.Second, func() bool { c, _ := call(t, "GET", base+"/readyz", "", ""); return c == 200 })

	// Viewers send beacons, each for its own avail, until serve stops answering.
	tr := newTraffic(base, 8)
	if err := tr.createSessions(ctx, 20, 4); err != nil {
		t.Fatal(err)
	}
	var acked sync.Map // avail -> true, for beacons answered 204
	var nAcked, next atomic.Int64
	var senders sync.WaitGroup
	for range 8 {
		senders.Add(1)
		go func() {
			defer senders.Done()
			for {
				n := next.Add(1)
				avail := "shut-" + strconv.FormatInt(n, 10)
				u := base + "/v1/events/" + tr.tokens[n%20] + "/" + avail + "/0/" + proofAd + "/impression"
				status, err := tr.get(context.Background(), u)
				if err != nil || status != http.StatusNoContent {
					return // serve is going away: refused, or 503 once the spool closed
				}
				acked.Store(avail, true)
				nAcked.Add(1)
			}
		}()
	}
	waitFor(t, 10*time.Second, func() bool { return nAcked.Load() >= 300 })

	// Requests in flight when the shutdown starts are still answered.
	answers := make(chan int, inFlight)
	for i := range inFlight {
		go func() {
			status, err := tr.get(context.Background(), fmt.Sprintf("%s/v1/master/slow%d.m3u8?viewer_id=v", base, i))
			if err != nil {
				status = -1
			}
			answers <- status
		}()
	}
	for range inFlight { // each is inside its handler, fetching its stream's master
		select {
		case <-started:
		case <-time.After(10 * time.Second):
			t.Fatal("slow requests did not reach the origin")
		}
	}
	cancel()
	for range inFlight {
		if status := <-answers; status != http.StatusOK {
			t.Fatalf("in-flight request answered %d, want 200", status)
		}
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not return after the drain")
	}
	senders.Wait()
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("serve still accepts connections")
	}

	stored := storedAvails(t, cfg.Events.SQLite.Path)
	spooled := spooledAvails(t, cfg.Events.Spool.Dir)
	missing := 0
	acked.Range(func(k, _ any) bool {
		if !stored[k.(string)] && !spooled[k.(string)] {
			missing++
		}
		return true
	})
	t.Logf("%d beacons acknowledged: %d events in SQLite, %d left in the spool", nAcked.Load(), len(stored), len(spooled))
	if missing > 0 {
		t.Fatalf("%d acknowledged beacons are neither stored nor spooled", missing)
	}
}

// storedAvails are the avails of the beacons in the SQLite events table.
func storedAvails(t *testing.T, path string) map[string]bool {
	t.Helper()
	db, err := openEventsDB(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT avail FROM events WHERE avail LIKE 'shut-%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			t.Fatal(err)
		}
		out[a] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// spooledAvails are the avails of the beacons still pending in the spool.
func spooledAvails(t *testing.T, dir string) map[string]bool {
	t.Helper()
	sp, err := spool.Open(spool.Options{Dir: dir, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	out := map[string]bool{}
	for {
		b, err := sp.Read(context.Background(), 1000, 0) // reads on without Commit: the spool stays as it is
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Records) == 0 {
			return out
		}
		evs, err := analytics.DecodeEvents(b.Records)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			if strings.HasPrefix(e.Avail, "shut-") {
				out[e.Avail] = true
			}
		}
	}
}
