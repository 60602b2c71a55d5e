package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// pathRecorder is a server that answers status, as adstitch would, and
// counts the paths it got.
type pathRecorder struct {
	mu    sync.Mutex
	paths map[string]int
}

func startPathRecorder(t *testing.T, status int) (*pathRecorder, string) {
	t.Helper()
	p := &pathRecorder{paths: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.paths[r.URL.Path]++
		p.mu.Unlock()
		if status == http.StatusFound {
			w.Header().Set("Location", "https://cdn.test/ads/ad/a0.ts")
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return p, srv.URL + "/"
}

func fakeTokens(n int) []string {
	tokens := make([]string, n)
	for i := range tokens {
		tokens[i] = fmt.Sprintf("tok-%d", i)
	}
	return tokens
}

// TestWrkScriptWalksBeaconPaths runs the generated script of each beacon
// kind in wrk against a recording server: it sends beaconPath's paths,
// never one twice while the list lasts, and reports the requests past
// its end. wrk neither follows the server beacons' 302 nor counts it in
// its "Non-2xx or 3xx responses" (status > 399 only).
func TestWrkScriptWalksBeaconPaths(t *testing.T) {
	bin, err := findWrk()
	if err != nil {
		t.Skip(err)
	}
	for _, tt := range []struct {
		name    string
		beacons beaconKind
		tokens  int
		wrk     wrkOptions
		wraps   bool
	}{
		{name: "client one thread", beacons: beaconsClient, tokens: 20_000, wrk: wrkOptions{threads: 1, conns: 8}},
		{name: "client two threads", beacons: beaconsClient, tokens: 20_000, wrk: wrkOptions{threads: 2, conns: 8}},
		{name: "client wraps", beacons: beaconsClient, tokens: 2, wrk: wrkOptions{threads: 2, conns: 4}, wraps: true},
		{name: "server one thread", beacons: beaconsServer, tokens: 40_000, wrk: wrkOptions{threads: 1, conns: 8}},
		{name: "server two threads", beacons: beaconsServer, tokens: 40_000, wrk: wrkOptions{threads: 2, conns: 8}},
		{name: "server wraps", beacons: beaconsServer, tokens: 2, wrk: wrkOptions{threads: 2, conns: 4}, wraps: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec, url := startPathRecorder(t, tt.beacons.route().status)
			tokens := fakeTokens(tt.tokens)
			script, tokensFile, err := writeWrkFiles(t.TempDir(), tt.beacons, tokens)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			run, err := runWrk(ctx, bin, tt.wrk, time.Second, script, tokensFile, url)
			if err != nil {
				t.Fatal(err)
			}
			w := run.report
			t.Logf("%+v", w)
			if w.non2xx != 0 {
				t.Errorf("wrk counted %d of %d answers %d as failures", w.non2xx, w.requests, tt.beacons.route().status)
			}
			total := len(tokens) * tt.beacons.perSession()
			index := make(map[string]int, total)
			for i := range total {
				index[beaconPath(tt.beacons, tokens, i)] = i
			}
			rec.mu.Lock()
			defer rec.mu.Unlock()
			// Thread k sends beacons k, k+threads, …: the furthest one it
			// sent bounds how many it issued, and it skipped none but the
			// ones in flight when wrk stopped (and the first, which wrk
			// builds to check and never sends).
			sent, furthest, got := 0, make([]int, tt.wrk.threads), make([]int, tt.wrk.threads)
			for p, n := range rec.paths {
				sent += n
				i, ok := index[p]
				switch {
				case !ok:
					t.Fatalf("wrk sent %q, not a beacon path", p)
				case n > 1 && !tt.wraps:
					t.Errorf("wrk sent %q (beacon %d) %d times", p, i, n)
				}
				th := i % tt.wrk.threads
				furthest[th] = max(furthest[th], i/tt.wrk.threads+1)
				got[th]++
			}
			if w.requests == 0 || int64(sent) < w.requests || int64(sent) > w.issued {
				t.Errorf("server got %d requests; wrk completed %d, the script issued %d", sent, w.requests, w.issued)
			}
			if !tt.wraps {
				sum := 0
				for th := range furthest {
					sum += furthest[th]
					if gaps := furthest[th] - got[th]; gaps > tt.wrk.conns+1 {
						t.Errorf("thread %d skipped %d of its first %d beacons", th, gaps, furthest[th])
					}
				}
				if sum > int(w.issued) {
					t.Errorf("threads sent up to %v beacons each, more than the %d the script issued", furthest, w.issued)
				}
			}
			if got := w.overflow > 0; got != tt.wraps {
				t.Errorf("overflow %d of %d issued; want wrapping %v", w.overflow, w.issued, tt.wraps)
			}
			if tt.wraps && len(rec.paths) != total {
				t.Errorf("wrapping wrk sent %d distinct paths, want all %d", len(rec.paths), total)
			}
		})
	}
}

func TestWriteWrkFilesRejectsBadToken(t *testing.T) {
	for _, tok := range []string{"", "a/b", "a\nb", "a\rb"} {
		if _, _, err := writeWrkFiles(t.TempDir(), beaconsClient, []string{"ok", tok}); err == nil {
			t.Errorf("token %q accepted", tok)
		}
	}
}

func TestLuaString(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		err      bool
	}{
		{in: "house", want: `"house"`},
		{in: "third_Quartile-2", want: `"third_Quartile-2"`},
		{in: "/v1/s/", want: `"/v1/s/"`},
		{in: "0/2.ts", want: `"0/2.ts"`},
		{in: `a"b`, err: true},
		{in: `a\b`, err: true},
		{in: "a b", err: true},
		{in: "a\nb", err: true},
		{in: "é", err: true},
	} {
		got, err := luaString(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("luaString(%q) = %q, %v; want %q, err %v", tt.in, got, err, tt.want, tt.err)
		}
	}
	for _, tt := range []struct {
		k    beaconKind
		want []string
	}{
		{k: beaconsClient, want: []string{`local prefix, availPrefix, ad, avails = "/v1/events/", "/brk-", "house", 16`, `"thirdQuartile"`}},
		{k: beaconsServer, want: []string{`local prefix, availPrefix, ad, avails = "/v1/s/", "/a/brk-", "house", 16`,
			`local tails = {"0/0.ts", "0/1.ts", "0/2.ts"}`}},
	} {
		src, err := wrkScript(tt.k)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(src, w) {
				t.Errorf("%s script lacks %s:\n%s", tt.k, w, src)
			}
		}
	}
	if _, err := wrkScript("player"); !errors.Is(err, ErrUnknownBeacons) {
		t.Errorf("wrkScript(player) = %v, want ErrUnknownBeacons", err)
	}
}
