//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/geo/geotest"
)

// The console test's fixed identities. 198.51.100.0/24 is Madrid in the
// geotest database.
const (
	consoleAnalyst  = "analyst-key-0123456789"
	consoleViewerIP = "198.51.100.7"
	consoleCity     = "Madrid"
	consoleAdvName  = "Acme Running"
	consoleDeadline = 90 * time.Second
)

// TestConsole drives the web console (web/src, embedded from web/dist) in
// headless Chromium against the real binary: a wrong key then a marketer
// key, a campaign refused for its targeting rule then fixed, a report
// whose numbers come from beacons fired through the API, and a session's
// decision explanation (web/console-test/run.mjs).
func TestConsole(t *testing.T) {
	web := consoleWebDir(t)
	node := consolePrerequisites(t, web)
	buildConsole(t, web)
	dir := t.TempDir()
	bin := buildAdstitch(t, dir)

	origin := proofOrigin(t)
	show, allow := origin.URL+"/show/master.m3u8", strings.TrimPrefix(origin.URL, "http://")
	// Variants render into the stream's ladder, so the stream gets real
	// media, and uploads.mjs uploads a spot and watches its variants
	// render. ADSTITCH_CONSOLE_UPLOADS=0 leaves that out (a quicker run).
	uploads := os.Getenv("ADSTITCH_CONSOLE_UPLOADS") != "0"
	if uploads {
		media := consoleMedia(t, dir)
		show, allow = media.URL+"/master.m3u8", allow+", "+strings.TrimPrefix(media.URL, "http://")
	}
	geoPath := filepath.Join(dir, "city.mmdb")
	if err := geotest.WriteCityDB(geoPath, geotest.Sample(), geotest.SchemaGeoIP2City); err != nil {
		t.Fatal(err)
	}
	listen := freeAddr(t)
	cfgPath := filepath.Join(dir, "adstitch.yaml")
	yaml := fmt.Sprintf(`listen: %s
data_dir: %q
geoip: %q
streams:
  - {id: show, origin: %s, kind: vod, breaks: [preroll], break_duration: 12s}
fill:
  - {id: house, hls: %s/ad/master.m3u8}
origins_allow: [%s]
sessions: {keys: [{id: k1, secret: %s}]}
api_keys: [{key: %s, role: admin}, {key: %s, role: service}, {key: %s, role: analyst}]
log: {level: warn}
`, listen, filepath.Join(dir, "var"), geoPath, show, origin.URL, allow,
		proofSessionKey, e2eAdmin, e2eService, consoleAnalyst)
	if err := os.WriteFile(cfgPath, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := startChild(t, bin, "serve", filepath.Join(dir, "serve.log"), "serve", "--config", cfgPath)
	base := "http://" + listen
	waitHealthy(t, srv, base, 20*time.Second)
	if code, body := call(t, "GET", base+"/console/", "", ""); code != 200 || !strings.Contains(body, "adstitch console") {
		t.Fatalf("GET /console/ = %d %.200s", code, body)
	}

	code, body := call(t, "POST", base+"/v1/advertisers", e2eAdmin, fmt.Sprintf(`{"name":%q}`, consoleAdvName))
	if code != 201 {
		t.Fatalf("advertiser = %d %s", code, body)
	}
	marketer := consoleMarketerKey(t, bin, cfgPath, jsonField(t, body, "id"))

	env := append(os.Environ(),
		"ADSTITCH_URL="+base,
		"ADSTITCH_ADMIN_KEY="+e2eAdmin,
		"ADSTITCH_ANALYST_KEY="+consoleAnalyst,
		"ADSTITCH_SERVICE_KEY="+e2eService,
		"ADSTITCH_MARKETER_KEY="+marketer,
		"CONSOLE_ADVERTISER_NAME="+consoleAdvName,
		"CONSOLE_AD_HLS="+origin.URL+"/ad/master.m3u8",
		"CONSOLE_STREAM=show",
		"CONSOLE_CITY="+consoleCity,
		"CONSOLE_VIEWER_IP="+consoleViewerIP,
	)
	if uploads {
		env = append(env, "CONSOLE_SPOT_FILE="+consoleSpot(t, dir))
	}
	runConsoleScript(t, node, web, env)
}

// TestConsoleUnits runs the console's unit tests (web/console-test/unit):
// JSON path marking, report queries, error shapes, explanations.
func TestConsoleUnits(t *testing.T) {
	web := consoleWebDir(t)
	node := consolePrerequisites(t, web)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, node, filepath.Join(web, "console-test", "unit.mjs")).CombinedOutput()
	if err != nil {
		t.Fatalf("web/console-test/unit.mjs: %v\n%s", err, out)
	}
}

// consoleWebDir is <module root>/web (tests run in cmd/adstitch).
func consoleWebDir(t *testing.T) string {
	t.Helper()
	web, err := filepath.Abs(filepath.Join("..", "..", "web"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(web, "console-test", "run.mjs")); err != nil {
		t.Fatalf("console test script missing from the checkout: %v", err)
	}
	return web
}

// consoleMissing skips the test, or fails it under ADSTITCH_REQUIRE_PLAYER.
func consoleMissing(t *testing.T, what string) {
	t.Helper()
	if v := os.Getenv("ADSTITCH_REQUIRE_PLAYER"); v != "" && v != "0" {
		t.Fatalf("%s (ADSTITCH_REQUIRE_PLAYER=%s requires it)", what, v)
	}
	t.Skipf("%s; set ADSTITCH_REQUIRE_PLAYER=1 to fail instead of skipping", what)
}

// consolePrerequisites finds node, Chromium and the npm packages the
// build and the script need, and returns the node binary.
func consolePrerequisites(t *testing.T, web string) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		consoleMissing(t, "node is not installed")
	}
	chromium := os.Getenv("ADSTITCH_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		consoleMissing(t, fmt.Sprintf("chromium not found at %s (apt-get install chromium, or set ADSTITCH_CHROMIUM)", chromium))
	}
	for _, pkg := range []string{"playwright-core", "hls.js", "esbuild", "typescript"} {
		if _, err := os.Stat(filepath.Join(web, "node_modules", pkg, "package.json")); err != nil {
			consoleMissing(t, fmt.Sprintf("%s is not installed in %s (run npm ci --prefix web)", pkg, web))
		}
	}
	return node
}

// buildConsole runs `npm run build` when web/dist has no console or one
// older than its sources, so that the binary built next embeds it.
func buildConsole(t *testing.T, web string) {
	t.Helper()
	built, err := os.Stat(filepath.Join(web, "dist", "index.html"))
	if err == nil && !newerSources(t, web, built.ModTime()) {
		return
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		consoleMissing(t, "npm is not installed: it builds the console (npm run build --prefix web)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, npm, "run", "build", "--prefix", web).CombinedOutput()
	if err != nil {
		t.Fatalf("npm run build --prefix web: %v\n%s", err, out)
	}
}

// newerSources reports whether a console source changed after t0.
func newerSources(t *testing.T, web string, t0 time.Time) bool {
	t.Helper()
	newer := false
	for _, p := range []string{"src", "build.mjs", "tsconfig.json", "package-lock.json"} {
		err := filepath.WalkDir(filepath.Join(web, p), func(_ string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if info, err := d.Info(); err == nil && info.ModTime().After(t0) {
				newer = true
			}
			return nil
		})
		if err != nil {
			t.Fatalf("console sources: %v", err)
		}
	}
	return newer
}

// consoleMarketerKey makes a stored marketer key for advertiser with the
// binary's `keys create`, as an operator would.
func consoleMarketerKey(t *testing.T, bin, cfgPath, advertiser string) string {
	t.Helper()
	out, err := exec.Command(bin, "keys", "create", "--config", cfgPath, "--role", "marketer", "--advertiser", advertiser).Output()
	if err != nil {
		t.Fatalf("keys create: %v", err)
	}
	key := strings.TrimSpace(string(out))
	if !strings.HasPrefix(key, "ask_") {
		t.Fatalf("keys create printed %q", key)
	}
	return key
}

// consoleMedia renders a 24 s VOD stream (one 640x360 rendition, 4 s
// segments) and serves it: variants are rendered into a stream's probed
// ladder, which the playlists-only proof origin does not have.
func consoleMedia(t *testing.T, dir string) *httptest.Server {
	t.Helper()
	ffmpeg, err := exec.LookPath("ffmpeg")
	if err != nil {
		consoleMissing(t, "ffmpeg is not installed (apt-get install ffmpeg)")
	}
	media := filepath.Join(dir, "media")
	if err := os.MkdirAll(media, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(ffmpeg, "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=24",
		"-f", "lavfi", "-i", "sine=frequency=330:duration=24", "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main",
		"-pix_fmt", "yuv420p", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-c:a", "aac", "-ar", "48000", "-ac", "2",
		"-f", "hls", "-hls_time", "4", "-hls_playlist_type", "vod", "-hls_segment_filename", filepath.Join(media, "seg%03d.ts"),
		filepath.Join(media, "360p.m3u8")).CombinedOutput()
	if err != nil {
		t.Fatalf("render the stream: %v\n%s", err, out)
	}
	master := "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=640x360,CODECS=\"avc1.4d401e,mp4a.40.2\"\n360p.m3u8\n"
	if err := os.WriteFile(filepath.Join(media, "master.m3u8"), []byte(master), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(media)))
	t.Cleanup(srv.Close)
	return srv
}

// consoleSpot renders a 6 s spot with sound for the upload step.
func consoleSpot(t *testing.T, dir string) string {
	t.Helper()
	ffmpeg, err := exec.LookPath("ffmpeg")
	if err != nil {
		consoleMissing(t, "ffmpeg is not installed (apt-get install ffmpeg)")
	}
	path := filepath.Join(dir, "spot.mp4")
	out, err := exec.Command(ffmpeg, "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=6",
		"-f", "lavfi", "-i", "sine=frequency=440:duration=6", "-c:v", "libx264", "-pix_fmt", "yuv420p",
		"-c:a", "aac", "-shortest", path).CombinedOutput()
	if err != nil {
		t.Fatalf("render the spot: %v\n%s", err, out)
	}
	return path
}

// runConsoleScript runs web/console-test/run.mjs within consoleDeadline,
// logging its steps.
func runConsoleScript(t *testing.T, node, web string, env []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), consoleDeadline)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join(web, "console-test", "run.mjs"))
	cmd.Dir = web
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	// Chromium runs in the script's process group: kill all of it on time-out.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	start := time.Now()
	err := cmd.Run()
	t.Logf("console test (%.1fs):\n%s", time.Since(start).Seconds(), bytes.TrimSpace(out.Bytes()))
	if err != nil {
		t.Fatalf("web/console-test/run.mjs: %v (context: %v); screenshots in %s", err, ctx.Err(), filepath.Join(web, "test-results"))
	}
}
