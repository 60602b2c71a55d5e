package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// startHarness starts the origin and adstitch as the bench does and stops
// them when the test ends.
func startHarness(t *testing.T) *apiClient {
	t.Helper()
	org, err := startOrigin()
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	st, err := startAdstitch(ctx, org, t.TempDir())
	if err != nil {
		stop()
		t.Fatal(err)
	}
	api := newAPIClient(st.base)
	t.Cleanup(func() {
		api.close()
		stop()
		if err := st.wait(); err != nil {
			t.Error(err)
		}
		if err := shutdown(org.close); err != nil {
			t.Error(err)
		}
	})
	return api
}

// TestPersonalizedHasAds runs the harness up to the wrk runs: sessions are
// distinct, each media playlist is stitched, and the static server answers
// the captured bytes on any path.
func TestPersonalizedHasAds(t *testing.T) {
	api := startHarness(t)
	ctx := context.Background()
	paths, err := api.mediaPaths(ctx, 20)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range paths {
		if !strings.HasPrefix(p, "/v1/s/") || !strings.HasSuffix(p, "/p/0.m3u8") || seen[p] {
			t.Fatalf("media path %q: want a distinct /v1/s/{token}/p/0.m3u8", p)
		}
		seen[p] = true
	}
	pl, err := api.fetchPersonalized(ctx, paths[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(pl.body, []byte("#EXT-X-DISCONTINUITY")) || pl.contentType != "application/vnd.apple.mpegurl" {
		t.Errorf("content type %q, playlist:\n%s", pl.contentType, pl.body)
	}
	t.Logf("personalized playlist:\n%s", pl.body)

	static, err := startStatic(pl)
	if err != nil {
		t.Fatal(err)
	}
	defer static.close()
	resp, err := http.Get(static.base + "/any/path.m3u8")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Equal(body, pl.body) || resp.Header.Get("Content-Type") != pl.contentType ||
		resp.Header.Get("Cache-Control") != pl.header.Get("Cache-Control") {
		t.Errorf("static answered %q with %v, want the captured playlist", body, resp.Header)
	}
}

// TestFetchPersonalizedRejects checks the guards that keep the bench from
// measuring errors or unstitched playlists.
func TestFetchPersonalizedRejects(t *testing.T) {
	api := startHarness(t)
	if _, err := api.fetchPersonalized(context.Background(), "/v1/s/forged/p/0.m3u8"); err == nil || !strings.Contains(err.Error(), "status 403") {
		t.Errorf("forged session: err = %v, want a 403 failure", err)
	}
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write(appendLiveMedia(nil, "720p", time.Now()))
	}))
	defer plain.Close()
	noAds := newAPIClient(plain.URL)
	defer noAds.close()
	if _, err := noAds.fetchPersonalized(context.Background(), "/p/0.m3u8"); !errors.Is(err, ErrNoAds) {
		t.Errorf("unstitched playlist: err = %v, want ErrNoAds", err)
	}
}

// TestRunWrk drives wrk for one second against the static server with a
// rotation script, and checks a non-2xx answer fails the run.
func TestRunWrk(t *testing.T) {
	bin, err := findWrk()
	if err != nil {
		t.Skip("wrk is not installed (apt-get install wrk)")
	}
	static, err := startStatic(&playlist{body: []byte("#EXTM3U\n"), contentType: "application/vnd.apple.mpegurl", header: http.Header{}})
	if err != nil {
		t.Fatal(err)
	}
	defer static.close()
	script, err := writeRotationScript(t.TempDir(), []string{"/a.m3u8", `/b"\.m3u8`})
	if err != nil {
		t.Fatal(err)
	}
	o := wrkOptions{Threads: 1, Conns: 4, Duration: time.Second}
	r, err := runWrk(context.Background(), bin, o, script, static.base+"/")
	if err != nil {
		t.Fatal(err)
	}
	if r.Requests == 0 || r.ReqPerSec <= 0 || r.P99 <= 0 {
		t.Errorf("implausible result %+v", r)
	}

	srv := &http.Server{Handler: http.NotFoundHandler()}
	ln := mustListen(t)
	go srv.Serve(ln)
	defer srv.Close()
	if _, err := runWrk(context.Background(), bin, o, script, "http://"+ln.Addr().String()+"/"); err == nil ||
		!strings.Contains(err.Error(), "not 2xx") {
		t.Errorf("a 404 run gave err = %v, want a non-2xx failure", err)
	}
}

func TestLuaQuote(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"/v1/s/abc-_.~/p/0.m3u8", `"/v1/s/abc-_.~/p/0.m3u8"`},
		{`/a"b\c`, `"/a\"b\\c"`},
		{"/a\nb", ""},
		{"/caf\xc3\xa9", ""},
	} {
		got, err := luaQuote(c.in)
		if (err != nil) != (c.want == "") || got != c.want {
			t.Errorf("luaQuote(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestWrkArgs(t *testing.T) {
	o := wrkOptions{Threads: 1, Conns: 32, Duration: 9500 * time.Millisecond}
	if got := o.String(); got != "wrk -t1 -c32 -d10s" {
		t.Errorf("String() = %q", got)
	}
	if !strings.Contains(ErrNoWrk.Error(), "apt-get install wrk") {
		t.Errorf("ErrNoWrk %q lacks the apt hint", ErrNoWrk)
	}
}

func mustListen(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}
