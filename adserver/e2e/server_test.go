package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/adserver"
	"github.com/adstitch/adstitch/adserver/demoorigin"
	"github.com/adstitch/adstitch/adserver/session"
	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/configs"
	"github.com/adstitch/adstitch/manifest"
	"github.com/adstitch/adstitch/variants/demo"
)

// running is an adstitch data plane started in-process the way `serve`
// wires it, with the demo origin mounted under /origin/.
type running struct {
	URL string
	rec *memRecorder
}

type memRecorder struct {
	mu     sync.Mutex
	events []analytics.Event
}

func (m *memRecorder) Record(e analytics.Event) error {
	m.mu.Lock()
	m.events = append(m.events, e)
	m.mu.Unlock()
	return nil
}

func (m *memRecorder) count(typ analytics.EventType) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, e := range m.events {
		if e.Type == typ {
			n++
		}
	}
	return n
}

// startAdstitch renders (once per machine) the demo media and serves it.
func startAdstitch(t *testing.T) *running {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg not installed (make deps)")
	}
	ctx, cancel := context.WithCancel(context.Background())
	assets, err := demo.Prepare(ctx, demo.TestDir(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		cancel()
		t.Fatalf("demo media: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	cfg, err := configs.Parse([]byte(fmt.Sprintf(`listen: %s
data_dir: %s
demo: true
streams:
  - {id: vod, origin: /origin/vod/master.m3u8, kind: vod, breaks: [preroll, 30s, postroll], break_duration: 30s}
  - {id: live-cueout, origin: "/origin/live/master.m3u8?cue=cueout", kind: live}
  - {id: live-daterange, origin: "/origin/live/master.m3u8?cue=daterange", kind: live}
  - {id: live-oatcls, origin: "/origin/live/master.m3u8?cue=oatcls", kind: live}
fill:
  - {id: house-10s, hls: /origin/ads/house-10s/master.m3u8}
  - {id: house-15s, hls: /origin/ads/house-15s/master.m3u8}
  - {id: house-20s, hls: /origin/ads/house-20s/master.m3u8}
slate: {hls: /origin/slate/master.m3u8}
log: {level: warn}
`, ln.Addr(), t.TempDir())), "e2e.yaml")
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	kr, err := session.NewKeyring([]session.Key{{ID: "e2e", Secret: []byte("e2e-secret-e2e-secret-e2e-secret")}}, "e2e", time.Hour)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	rec := &memRecorder{}
	srv, err := adserver.New(adserver.Deps{
		Config: cfg, Keyring: kr, Recorder: rec,
		Log:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		Mounts: map[string]fasthttp.RequestHandler{demoorigin.Prefix: demoorigin.New(assets.Dir, demoorigin.Options{}).Handler},
	})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-done; srv.Close() })
	return &running{URL: "http://" + ln.Addr().String(), rec: rec}
}

// session starts a session through the API and returns its manifest URL.
func (r *running) session(t *testing.T, stream, viewer string) string {
	t.Helper()
	body := fmt.Sprintf(`{"stream":%q,"viewer_id":%q,"device":"desktop"}`, stream, viewer)
	resp, err := http.Post(r.URL+"/v1/sessions", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		ManifestURL string `json:"manifest_url"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 201 {
		t.Fatalf("POST /v1/sessions = %d %v", resp.StatusCode, err)
	}
	return out.ManifestURL
}

// playlist fetches and parses the session's media playlist of rendition idx.
func (r *running) playlist(t *testing.T, masterURL string, idx int) *manifest.Media {
	t.Helper()
	master := httpGet(t, masterURL)
	var uris []string
	for _, l := range strings.Split(master, "\n") {
		if strings.HasPrefix(l, "/v1/s/") {
			uris = append(uris, r.URL+l)
		}
	}
	if idx >= len(uris) {
		t.Fatalf("master has %d playlists:\n%s", len(uris), master)
	}
	body := httpGet(t, uris[idx])
	m, err := manifest.ParseMedia([]byte(body), uris[idx])
	if err != nil {
		t.Fatalf("stitched playlist: %v\n%s", err, body)
	}
	return m
}

func httpGet(t *testing.T, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d %s", u, resp.StatusCode, b)
	}
	return string(b)
}

// isAd reports whether a segment URL is an inserted ad or slate segment.
func isAd(u string) bool { return strings.Contains(u, "/a/") }
