package adserver

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/valyala/fasthttp"
)

// logBuffer collects JSON log lines from a running server.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// lines returns the decoded lines whose msg is msg.
func (l *logBuffer) lines(t *testing.T, msg string) []map[string]any {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(l.b.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line is not JSON: %v: %s", err, line)
		}
		if m["msg"] == msg {
			out = append(out, m)
		}
	}
	return out
}

func startLoggedServer(t *testing.T, o *fakeOrigin, yaml string) (*testServer, *logBuffer) {
	logs := &logBuffer{}
	ts := startServerWith(t, o, yaml, func(d *Deps) {
		d.Log = slog.New(slog.NewJSONHandler(logs, nil))
	})
	return ts, logs
}

// With log.requests, every request has one JSON line carrying its id,
// route, status and duration; the session token stays out of the log.
func TestAccessLogLine(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	ts, logs := startLoggedServer(t, o, "log: {requests: true}\n")
	s := newSession(t, ts, `{"stream":"show"}`)
	media := mediaURL(t, ts, s.ManifestURL)
	req, _ := http.NewRequest(http.MethodGet, media, nil)
	req.Header.Set("X-Request-Id", "trace-42")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	var line map[string]any
	for _, l := range logs.lines(t, "request") {
		if l["request_id"] == "trace-42" {
			line = l
		}
	}
	if line == nil {
		t.Fatalf("no access line for trace-42:\n%s", logs.b.String())
	}
	if line["level"] != "INFO" || line["route"] != "media" || line["status"] != float64(200) || line["method"] != "GET" {
		t.Errorf("line %v", line)
	}
	if d, ok := line["duration_ms"].(float64); !ok || d < 0 || d > 10_000 {
		t.Errorf("duration_ms %v", line["duration_ms"])
	}
	if p, _ := line["path"].(string); p != "/v1/s/-/p/0.m3u8" || strings.Contains(logs.b.String(), s.SessionID) {
		t.Errorf("path %q: the token must not be logged", p)
	}
	if n := len(logs.lines(t, "request")); n != 3 { // session, master, media
		t.Errorf("%d access lines, want 3", n)
	}
}

// Without log.requests only failures (and slow requests) are logged.
func TestErrorsLoggedWithoutAccessLog(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	ts, logs := startLoggedServer(t, o, "origin: {timeout: 500ms}\n")
	get(t, ts.url+"/healthz")
	o.fail.Store(true)
	code, hdr, _ := get(t, ts.url+"/v1/master/show.m3u8?viewer_id=v")
	if code != http.StatusBadGateway {
		t.Fatalf("status %d", code)
	}
	if n := len(logs.lines(t, "request")); n != 0 {
		t.Errorf("%d access lines with the access log off", n)
	}
	failed := logs.lines(t, "request failed")
	if len(failed) != 1 || failed[0]["level"] != "ERROR" || failed[0]["route"] != "master" ||
		failed[0]["status"] != float64(502) || failed[0]["request_id"] != hdr.Get("X-Request-Id") {
		t.Fatalf("failure lines %v (id %s)", failed, hdr.Get("X-Request-Id"))
	}
}

// A request over a second is logged as slow, with its id; failed and slow
// lines are rate limited per route, the next line saying how many were
// left out.
func TestSlowAndThrottledLines(t *testing.T) {
	logs := &logBuffer{}
	o := newRequestObserver(slog.New(slog.NewJSONHandler(logs, nil)), false)
	var ctx fasthttp.RequestCtx
	ctx.Request.SetRequestURI("/v1/s/TOKEN/p/0.m3u8")
	r := o.begin(&ctx, "/v1/s/TOKEN/p/0.m3u8")
	r.start = r.start.Add(-1500 * time.Millisecond)
	ctx.SetStatusCode(200)
	o.end(&ctx, r)
	slow := logs.lines(t, "slow request")
	if len(slow) != 1 || slow[0]["level"] != "WARN" || slow[0]["route"] != "media" || slow[0]["duration_ms"].(float64) < 1500 ||
		slow[0]["request_id"] != requestID(&ctx) {
		t.Fatalf("slow lines %v", slow)
	}

	var lim logLimiter
	now := time.Unix(1000, 0)
	for i := range problemLinesPerSecond + 5 {
		ok, _ := lim.allow(now)
		if ok != (i < problemLinesPerSecond) {
			t.Fatalf("line %d allowed = %v", i, ok)
		}
	}
	if ok, skipped := lim.allow(now.Add(time.Second)); !ok || skipped != 5 {
		t.Fatalf("next second: allowed %v, skipped %d, want true 5", ok, skipped)
	}
}

func TestRedactPath(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"/v1/s/TOKEN/p/0.m3u8", "/v1/s/-/p/0.m3u8"},
		{"/v1/s/TOKEN/master.m3u8", "/v1/s/-/master.m3u8"},
		{"/v1/master/show.m3u8", "/v1/master/show.m3u8"},
		{"/v1/tracking/TOKEN", "/v1/tracking/-"},
		{"/v1/events/TOKEN/pre/0/house/start", "/v1/events/-/pre/0/house/start"},
		{"/v1/sessions/TOKEN/decisions", "/v1/sessions/-/decisions"},
		{"/v1/campaigns/c1", "/v1/campaigns/c1"},
	} {
		if got := redactPath(tc.path, routeOf(tc.path)); got != tc.want {
			t.Errorf("redactPath(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}
