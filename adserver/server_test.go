package adserver

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/session"
	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/configs"
	"github.com/adstitch/adstitch/manifest"
)

// fakeOrigin serves playlists and segments from memory and can be told to fail.
type fakeOrigin struct {
	srv   *httptest.Server
	mu    sync.Mutex
	files map[string]string
	fail  atomic.Bool
	hits  atomic.Int64
}

func newFakeOrigin(t testing.TB) *fakeOrigin {
	o := &fakeOrigin{files: map[string]string{}}
	o.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.hits.Add(1)
		if strings.HasPrefix(r.URL.Path, "/slow/") {
			time.Sleep(time.Second) // an ad server past its time-out
		}
		if o.fail.Load() {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		o.mu.Lock()
		body, ok := o.files[r.URL.Path]
		o.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		if strings.HasSuffix(r.URL.Path, ".ts") {
			w.Header().Set("Content-Type", "video/mp2t")
		}
		io.WriteString(w, body)
	}))
	t.Cleanup(o.srv.Close)
	return o
}

func (o *fakeOrigin) set(path, body string) {
	o.mu.Lock()
	o.files[path] = body
	o.mu.Unlock()
}

func (o *fakeOrigin) host() string { u, _ := url.Parse(o.srv.URL); return u.Host }

const testMaster = `#EXTM3U
#EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=640x360
360p.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=2500000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720
720p.m3u8
`

func vodMedia(n int) string {
	var b strings.Builder
	b.WriteString("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "#EXTINF:4.000,\nseg%d.ts\n", i)
	}
	b.WriteString("#EXT-X-ENDLIST\n")
	return b.String()
}

// seedOrigin puts a 40 s VOD, a 10 s house ad (4+4+2) and a 1 s slate on o.
func seedOrigin(o *fakeOrigin) {
	o.set("/show/master.m3u8", testMaster)
	o.set("/show/360p.m3u8", vodMedia(10))
	o.set("/show/720p.m3u8", vodMedia(10))
	o.set("/ad/master.m3u8", testMaster)
	ad := "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:4,\na0.ts\n#EXTINF:4,\na1.ts\n#EXTINF:2,\na2.ts\n#EXT-X-ENDLIST\n"
	o.set("/ad/360p.m3u8", ad)
	o.set("/ad/720p.m3u8", ad)
	for _, s := range []string{"a0", "a1", "a2"} {
		o.set("/ad/"+s+".ts", "TS-"+s)
	}
	o.set("/slate/master.m3u8", testMaster)
	slate := "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\ns0.ts\n#EXT-X-ENDLIST\n"
	o.set("/slate/360p.m3u8", slate)
	o.set("/slate/720p.m3u8", slate)
}

type captureRecorder struct {
	mu     sync.Mutex
	events []analytics.Event
}

func (c *captureRecorder) Record(e analytics.Event) error {
	c.mu.Lock()
	c.events = append(c.events, e)
	c.mu.Unlock()
	return nil
}

// types lists the ad playback events recorded (impression to complete).
func (c *captureRecorder) types() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, e := range c.events {
		switch e.Type {
		case analytics.SessionStart, analytics.AvailFilled, analytics.AvailUnfilled:
		default:
			out = append(out, string(e.Type))
		}
	}
	return out
}

func (c *captureRecorder) count(typ analytics.EventType) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, e := range c.events {
		if e.Type == typ {
			n++
		}
	}
	return n
}

type testServer struct {
	url string
	rec *captureRecorder
	srv *Server
}

func startServer(t testing.TB, o *fakeOrigin, extraYAML string) *testServer {
	t.Helper()
	return startServerWith(t, o, extraYAML, nil)
}

func startServerWith(t testing.TB, o *fakeOrigin, extraYAML string, tweak func(*Deps)) *testServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	yaml := fmt.Sprintf(`listen: %s
data_dir: %s
streams:
  - {id: show, origin: %s/show/master.m3u8, kind: vod, breaks: [preroll, 20s], break_duration: 12s}
fill:
  - {id: house, hls: %s/ad/master.m3u8}
slate: {hls: %s/slate/master.m3u8}
origins_allow: [%s]
sessions:
  keys: [{id: k1, secret: 0123456789abcdef0123456789abcdef}]
api_keys: [{key: service-key-0123456789, role: service}, {key: analyst-key-0123456789, role: analyst}]
%s`, ln.Addr(), t.TempDir(), o.srv.URL, o.srv.URL, o.srv.URL, o.host(), extraYAML)
	cfg, err := configs.Parse([]byte(yaml), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	kr, err := session.NewKeyring([]session.Key{{ID: "k1", Secret: []byte("0123456789abcdef0123456789abcdef")}}, "k1", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	rec := &captureRecorder{}
	deps := Deps{Config: cfg, Keyring: kr, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Recorder: rec}
	if tweak != nil {
		tweak(&deps)
	}
	srv, err := New(deps)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := contextWithCancel()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-done; srv.Close() })
	return &testServer{url: "http://" + ln.Addr().String(), rec: rec, srv: srv}
}

func get(t testing.TB, u string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func post(t testing.TB, u, body string, hdr map[string]string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func newSession(t testing.TB, ts *testServer, body string) sessionResponse {
	t.Helper()
	code, out := post(t, ts.url+"/v1/sessions", body, nil)
	if code != http.StatusCreated {
		t.Fatalf("POST /v1/sessions = %d %s", code, out)
	}
	return decodeSession(t, out)
}

func decodeSession(t testing.TB, body string) sessionResponse {
	t.Helper()
	var r sessionResponse
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// mediaURL returns the first media playlist URL of a session's master.
func mediaURL(t testing.TB, ts *testServer, manifestURL string) string {
	t.Helper()
	code, _, master := get(t, manifestURL)
	if code != 200 {
		t.Fatalf("master = %d %s", code, master)
	}
	for _, l := range strings.Split(master, "\n") {
		if strings.HasPrefix(l, "/v1/s/") {
			return ts.url + l
		}
	}
	t.Fatalf("no playlist in master:\n%s", master)
	return ""
}

func TestSessionPlaylistBeaconsAndTracking(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	ts := startServer(t, o, "")
	s := newSession(t, ts, `{"stream":"show","viewer_id":"v-123","interests":["sports"],"device":"tv"}`)
	if !strings.HasPrefix(s.ManifestURL, ts.url+"/v1/s/") || !strings.HasSuffix(s.TrackingURL, s.SessionID) {
		t.Fatalf("urls %+v", s)
	}
	code, hdr, body := get(t, mediaURL(t, ts, s.ManifestURL))
	if code != 200 || hdr.Get("Content-Type") != mpegURL || hdr.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("media = %d %v", code, hdr)
	}
	m, err := manifest.ParseMedia([]byte(body), ts.url+"/x")
	if err != nil {
		t.Fatalf("stitched playlist does not parse: %v\n%s", err, body)
	}
	// pre-roll (12 s: house 10 s + 2 slate), mid-roll at 20 s (the same), 40 s of content.
	var ads, slate, content int
	for _, seg := range m.Segments {
		switch {
		case strings.Contains(seg.URI, "/house/"):
			ads++
		case strings.Contains(seg.URI, "/_slate/"):
			slate++
		default:
			content++
		}
	}
	if ads != 6 || slate != 4 || content != 10 {
		t.Fatalf("ads=%d slate=%d content=%d, want 6/4/10\n%s", ads, slate, content, body)
	}
	if strings.Count(body, "#EXT-X-DATERANGE") != 2 {
		t.Fatalf("want one DATERANGE per inserted ad:\n%s", body)
	}
	// The player fetches the three segments of the pre-roll ad.
	var adSegs []string
	for _, seg := range m.Segments {
		if strings.Contains(seg.URI, "/a/pre/0/house/") {
			adSegs = append(adSegs, seg.URI)
		}
	}
	for i, u := range adSegs {
		code, _, b := get(t, u)
		if code != 200 || b != fmt.Sprintf("TS-a%d", i) {
			t.Fatalf("ad segment %d = %d %q", i, code, b)
		}
	}
	want := "impression,start,firstQuartile,midpoint,thirdQuartile,complete"
	if got := strings.Join(ts.rec.types(), ","); got != want {
		t.Fatalf("beacons %s, want %s", got, want)
	}
	if ts.rec.count(analytics.SessionStart) != 1 || ts.rec.count(analytics.AvailFilled) != 2 {
		t.Fatalf("want 1 session_start and 2 avail_filled (pre-roll and mid-roll), got %d and %d",
			ts.rec.count(analytics.SessionStart), ts.rec.count(analytics.AvailFilled))
	}
	for _, e := range ts.rec.events[3:] {
		if e.Source != analytics.SourceServer || e.Avail != "pre" || e.Ad != "house" || e.Campaign != HouseCampaign ||
			e.Device != "tv" || e.Viewer == "" || e.ID == "" || e.Daypart == "" {
			t.Fatalf("event %+v", e)
		}
	}
	// The tracking API tells the same story as the playlist.
	code, _, tj := get(t, s.TrackingURL)
	if code != 200 {
		t.Fatalf("tracking = %d %s", code, tj)
	}
	var tr trackingResponse
	if err := json.Unmarshal([]byte(tj), &tr); err != nil {
		t.Fatal(err)
	}
	if len(tr.Avails) != 2 || tr.Avails[0].AvailID != "pre" || tr.Avails[1].AvailID != "m20000" {
		t.Fatalf("avails %+v", tr.Avails)
	}
	if a := tr.Avails[1]; a.StartTime != 32 || a.Duration != 12 || len(a.Ads) != 1 || a.Ads[0].AdID != "house" || len(a.Ads[0].TrackingEvents) != 6 {
		t.Fatalf("mid-roll avail %+v", a)
	}
	// A client-side beacon from the tracking API is recorded as such.
	beacon := tr.Avails[1].Ads[0].TrackingEvents[5].BeaconURLs[0]
	if code, _, b := get(t, beacon); code != http.StatusNoContent {
		t.Fatalf("beacon = %d %s", code, b)
	}
	last := ts.rec.events[len(ts.rec.events)-1]
	if last.Source != analytics.SourceClient || last.Type != analytics.Complete || last.Avail != "m20000" {
		t.Fatalf("client event %+v", last)
	}
	// A player reports a VAST error code.
	errURL := strings.Replace(beacon, "/complete", "/error?code=405", 1)
	if code, _, b := get(t, errURL); code != http.StatusNoContent {
		t.Fatalf("error beacon = %d %s", code, b)
	}
	if last := ts.rec.events[len(ts.rec.events)-1]; last.Type != analytics.Error || last.Reason != "vast_error:405" {
		t.Fatalf("error event %+v", last)
	}
}

func TestBadRequests(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	ts := startServer(t, o, "")
	s := newSession(t, ts, `{"stream":"show"}`)
	tok := s.SessionID
	forged := tok[:len(tok)-2] + map[bool]string{true: "AA", false: "AB"}[strings.HasSuffix(tok, "AB")]
	cases := []struct {
		name, method, path, body string
		hdr                      map[string]string
		status                   int
		code                     string
	}{
		{"forged token", "GET", "/v1/s/" + forged + "/master.m3u8", "", nil, 403, "invalid_session"},
		{"garbage token", "GET", "/v1/s/%00%ff/p/0.m3u8", "", nil, 403, "invalid_session"},
		{"forged tracking", "GET", "/v1/tracking/" + forged, "", nil, 403, "invalid_session"},
		{"unknown playlist", "GET", "/v1/s/" + tok + "/p/9.m3u8", "", nil, 404, "not_found"},
		{"negative playlist", "GET", "/v1/s/" + tok + "/p/-1.m3u8", "", nil, 404, "not_found"},
		{"unknown ad", "GET", "/v1/s/" + tok + "/a/pre/0/nope/0/0.ts", "", nil, 404, "unknown_ad"},
		{"ad segment out of range", "GET", "/v1/s/" + tok + "/a/pre/0/house/0/99.ts", "", nil, 404, "not_found"},
		{"unknown stream implicit", "GET", "/v1/master/nope.m3u8", "", nil, 400, "invalid_session"},
		{"bad json", "POST", "/v1/sessions", `{"stream":`, nil, 400, "invalid_json"},
		{"unknown field", "POST", "/v1/sessions", `{"stream":"show","colour":"red"}`, nil, 400, "invalid_json"},
		{"unknown stream", "POST", "/v1/sessions", `{"stream":"nope"}`, nil, 400, "invalid_session"},
		{"bad device", "POST", "/v1/sessions", `{"stream":"show","device":"toaster"}`, nil, 400, "invalid_session"},
		{"bad interest", "POST", "/v1/sessions", `{"stream":"show","interests":["<script>"]}`, nil, 400, "invalid_session"},
		{"ip without key", "POST", "/v1/sessions", `{"stream":"show","ip":"198.51.100.7"}`, nil, 403, "forbidden"},
		{"ip with wrong key", "POST", "/v1/sessions", `{"stream":"show","ip":"198.51.100.7"}`, map[string]string{"Authorization": "Bearer nope"}, 403, "forbidden"},
		{"bad ip with key", "POST", "/v1/sessions", `{"stream":"show","ip":"nope"}`, map[string]string{"Authorization": "Bearer service-key-0123456789"}, 400, "invalid_session"},
		{"bad event type", "GET", "/v1/events/" + tok + "/pre/0/house/clicked", "", nil, 400, "invalid_event"},
		{"bad error code", "GET", "/v1/events/" + tok + "/pre/0/house/error?code=abc", "", nil, 400, "invalid_event"},
		{"session_start is not a client event", "GET", "/v1/events/" + tok + "/pre/0/house/session_start", "", nil, 400, "invalid_event"},
		{"no route", "GET", "/v2/whatever", "", nil, 404, "not_found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var code int
			var body string
			if tc.method == "POST" {
				code, body = post(t, ts.url+tc.path, tc.body, tc.hdr)
			} else {
				code, _, body = get(t, ts.url+tc.path)
			}
			var e apiError
			if code != tc.status || json.Unmarshal([]byte(body), &e) != nil || e.Code != tc.code || e.Error == "" {
				t.Fatalf("%s %s = %d %s, want %d with code %q", tc.method, tc.path, code, body, tc.status, tc.code)
			}
		})
	}
	// A service key may give the viewer's address.
	if code, body := post(t, ts.url+"/v1/sessions", `{"stream":"show","ip":"198.51.100.7"}`, map[string]string{"Authorization": "Bearer service-key-0123456789"}); code != 201 {
		t.Fatalf("service key with ip = %d %s", code, body)
	}
	// CORS preflight for web players on another origin.
	req, _ := http.NewRequest(http.MethodOptions, ts.url+"/v1/sessions", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(resp.Header.Get("Access-Control-Allow-Methods"), "POST") {
		t.Fatalf("preflight %d %v", resp.StatusCode, resp.Header)
	}
}

func TestOriginFailureServesLastGoodThen502(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	ts := startServer(t, o, "origin: {vod_ttl: 50ms, stale_for: 1s, timeout: 500ms}\n")
	s := newSession(t, ts, `{"stream":"show"}`)
	media := mediaURL(t, ts, s.ManifestURL)
	code, _, good := get(t, media)
	if code != 200 {
		t.Fatal(code)
	}
	o.fail.Store(true)
	time.Sleep(100 * time.Millisecond) // past the VOD TTL
	code, _, stale := get(t, media)
	if code != 200 || stale != good {
		t.Fatalf("within stale_for: %d, same body %v", code, stale == good)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		code, _, body := get(t, media)
		if code == http.StatusBadGateway {
			var e apiError
			if json.Unmarshal([]byte(body), &e) != nil || e.Code != "origin_error" {
				t.Fatalf("502 body %s", body)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still %d after stale_for", code)
		}
		time.Sleep(100 * time.Millisecond)
	}
	// The origin comes back: so does the stream.
	o.fail.Store(false)
	deadline = time.Now().Add(5 * time.Second)
	for code, _, _ := get(t, media); code != 200; code, _, _ = get(t, media) {
		if time.Now().After(deadline) {
			t.Fatalf("not recovered: %d", code)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestHostileOriginPlaylists(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	ts := startServer(t, o, "")
	s := newSession(t, ts, `{"stream":"show"}`)
	media := mediaURL(t, ts, s.ManifestURL)
	for name, body := range map[string]string{
		"html":            "<html>oops</html>",
		"absurd duration": "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:1e308,\na.ts\n",
		"bad utf-8":       "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\n\xff.ts\n",
		"a master":        testMaster,
	} {
		t.Run(name, func(t *testing.T) {
			o.set("/show/720p.m3u8", body)
			u := strings.Replace(media, "/p/0.m3u8", "/p/1.m3u8", 1)
			code, _, b := get(t, u)
			var e apiError
			if code != http.StatusBadGateway || json.Unmarshal([]byte(b), &e) != nil || e.Code != "origin_malformed" {
				t.Fatalf("= %d %s", code, b)
			}
			o.set("/show/720p.m3u8", vodMedia(10))
			ts.srv.streams["show"].medias.Close()
			ts.srv.streams["show"] = newStream(ts.srv.cfg.Streams[0], ts.srv.cfg.Streams[0].Origin, testOriginOpts(ts.srv.cfg), time.Minute)
		})
	}
	// Everyone else keeps being served.
	if code, _, _ := get(t, media); code != 200 {
		t.Fatalf("other rendition = %d", code)
	}
}

func TestAdSegmentHostNotAllowed(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	o.set("/ad/360p.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\nhttp://169.254.169.254/latest/a0.ts\n#EXTINF:4,\nhttp://169.254.169.254/latest/a1.ts\n#EXTINF:2,\nhttp://169.254.169.254/latest/a2.ts\n#EXT-X-ENDLIST\n")
	ts := startServer(t, o, "")
	s := newSession(t, ts, `{"stream":"show"}`)
	_, _, body := get(t, mediaURL(t, ts, s.ManifestURL))
	var seg string
	for _, l := range strings.Split(body, "\n") {
		if strings.Contains(l, "/a/pre/0/house/") {
			seg = l
			break
		}
	}
	if seg == "" {
		t.Fatalf("no ad segment:\n%s", body)
	}
	code, _, b := get(t, ts.url+seg)
	if code != http.StatusBadGateway || !strings.Contains(b, "origin_not_allowed") {
		t.Fatalf("= %d %s", code, b)
	}
	if ts.rec.count(analytics.Error) != 1 {
		t.Fatalf("the failed ad segment was not recorded as an error event")
	}
}

// Any instance with the keys serves any session the same playlist.
func TestStableAcrossInstances(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	a, b := startServer(t, o, ""), startServer(t, o, "")
	s := newSession(t, a, `{"stream":"show","viewer_id":"v-9"}`)
	pa := mediaURL(t, a, s.ManifestURL)
	pb := strings.Replace(pa, a.url, b.url, 1)
	_, _, x := get(t, pa)
	_, _, x2 := get(t, pa)
	_, _, y := get(t, pb)
	if x != x2 || x != y {
		t.Fatalf("playlists differ between refreshes or instances:\n%s\n---\n%s", x, y)
	}
}
