package demoorigin

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/valyala/fasthttp"
)

// serve starts a fasthttp server for o on a loopback port and returns its
// address.
func serve(t testing.TB, o *Origin) string {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &fasthttp.Server{Handler: o.Handler}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(ln)
	}()
	t.Cleanup(func() {
		srv.Shutdown()
		<-done
	})
	return ln.Addr().String()
}

// rawRequest sends a request line exactly as given (clients normalize
// paths, which would hide the traversal attempts) and reads the response.
func rawRequest(t *testing.T, addr, method, target string, headers ...string) (*http.Response, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	req := method + " " + target + " HTTP/1.1\r\nHost: origin.test\r\nConnection: close\r\n"
	for _, h := range headers {
		req += h + "\r\n"
	}
	if _, err := io.WriteString(conn, req+"\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func TestHandler(t *testing.T) {
	o := New(fakeMedia(t), Options{Now: func() time.Time { return at(29, 0) }})
	addr := serve(t, o)
	const (
		playlist = "application/vnd.apple.mpegurl"
		segment  = "video/mp2t"
		jsonType = "application/json"
	)
	for _, tc := range []struct {
		name, method, target string
		headers              []string
		status               int
		contentType          string
		body                 string // substring
	}{
		{"vod master", "GET", "/origin/vod/master.m3u8", nil, 200, playlist, "360p/index.m3u8"},
		{"vod media", "GET", "/origin/vod/720p/index.m3u8", nil, 200, playlist, "seg_00014.ts"},
		{"vod segment", "GET", "/origin/vod/360p/seg_00007.ts", nil, 200, segment, "segment 360p 7"},
		{"ad master", "GET", "/origin/ads/house-10s/master.m3u8", nil, 200, playlist, "#EXTM3U"},
		{"ad segment", "GET", "/origin/ads/house-10s/360p/seg_00000.ts", nil, 200, segment, "ad segment"},
		{"slate", "GET", "/origin/slate/720p/index.m3u8", nil, 200, playlist, "#EXT-X-ENDLIST"},
		{"encoded name", "GET", "/origin/vod/360p/seg_0000%37.ts", nil, 200, segment, "segment 360p 7"},
		{"query ignored", "GET", "/origin/vod/master.m3u8?x=1", nil, 200, playlist, "#EXTM3U"},
		{"range", "GET", "/origin/vod/360p/seg_00007.ts", []string{"Range: bytes=8-10"}, 206, segment, "360"},
		// A browser revalidating after max-age: 304, still cross-origin.
		{"revalidated", "GET", "/origin/vod/360p/seg_00007.ts", []string{"If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT"}, 304, "", ""},
		{"modified since", "GET", "/origin/vod/360p/seg_00007.ts", []string{"If-Modified-Since: Mon, 01 Jan 2001 00:00:00 GMT"}, 200, segment, "segment 360p 7"},
		{"head", "HEAD", "/origin/vod/master.m3u8", nil, 200, playlist, ""},
		{"options", "OPTIONS", "/origin/vod/master.m3u8", nil, 204, "", ""},
		{"post", "POST", "/origin/vod/master.m3u8", []string{"Content-Length: 0"}, 405, jsonType, "method not allowed"},

		{"live master", "GET", "/origin/live/master.m3u8", nil, 200, playlist, "360p.m3u8?cue=cueout"},
		{"live master daterange", "GET", "/origin/live/master.m3u8?cue=daterange", nil, 200, playlist, "720p.m3u8?cue=daterange"},
		{"live media", "GET", "/origin/live/360p.m3u8", nil, 200, playlist, "#EXT-X-CUE-OUT:DURATION=20.000"},
		{"live media oatcls", "GET", "/origin/live/720p.m3u8?cue=oatcls", nil, 200, playlist, "../vod/720p/seg_00005.ts"},
		{"live bad cue", "GET", "/origin/live/360p.m3u8?cue=scte", nil, 400, jsonType, "unknown cue dialect"},
		{"live no rendition", "GET", "/origin/live/1080p.m3u8", nil, 404, jsonType, "no such rendition"},
		{"live bad name", "GET", "/origin/live/360p.ts", nil, 404, jsonType, "not found"},
		{"live nested", "GET", "/origin/live/vod/360p.m3u8", nil, 404, jsonType, "not found"},

		{"missing file", "GET", "/origin/vod/360p/seg_00099.ts", nil, 404, jsonType, "not found"},
		{"marker not served", "GET", "/origin/assets.json", nil, 404, jsonType, "not found"},
		{"other extension", "GET", "/origin/vod/notes.txt", nil, 404, jsonType, "not found"},
		{"no listing", "GET", "/origin/vod/", nil, 400, jsonType, "bad path"},
		{"no listing bare", "GET", "/origin/vod", nil, 404, jsonType, "not found"},
		{"directory named like a segment", "GET", "/origin/vod/dir.ts", nil, 404, jsonType, "not found"},
		{"root", "GET", "/origin/", nil, 400, jsonType, "bad path"},
		{"outside prefix", "GET", "/elsewhere/vod/master.m3u8", nil, 404, jsonType, "not found"},

		{"dot dot", "GET", "/origin/../secret.m3u8", nil, 400, jsonType, "bad path"},
		{"dot dot inside", "GET", "/origin/vod/../../secret.m3u8", nil, 400, jsonType, "bad path"},
		{"dot dot sibling", "GET", "/origin/vod/../../demo-other/secret.ts", nil, 400, jsonType, "bad path"},
		{"encoded dot dot", "GET", "/origin/%2e%2e/secret.m3u8", nil, 400, jsonType, "bad path"},
		{"encoded slash", "GET", "/origin/vod%2F..%2F..%2Fsecret.m3u8", nil, 400, jsonType, "bad path"},
		{"dot", "GET", "/origin/./vod/master.m3u8", nil, 400, jsonType, "bad path"},
		{"absolute", "GET", "/origin//etc/passwd.m3u8", nil, 400, jsonType, "bad path"},
		{"backslash", "GET", `/origin/vod\..\..\secret.m3u8`, nil, 400, jsonType, "bad path"},
		{"encoded backslash", "GET", "/origin/vod%5C..%5C..%5Csecret.m3u8", nil, 400, jsonType, "bad path"},
		{"NUL", "GET", "/origin/vod/master.m3u8%00.ts", nil, 400, jsonType, "bad path"},
		{"bad escape", "GET", "/origin/vod/%zz.ts", nil, 400, jsonType, "bad path"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := rawRequest(t, addr, tc.method, tc.target, tc.headers...)
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d; body %q", resp.StatusCode, tc.status, body)
			}
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "*" {
				t.Errorf("Access-Control-Allow-Origin %q", got)
			}
			if got := resp.Header.Get("Content-Type"); tc.contentType != "" && got != tc.contentType {
				t.Errorf("Content-Type %q, want %q", got, tc.contentType)
			}
			if !strings.Contains(body, tc.body) {
				t.Errorf("body %q lacks %q", body, tc.body)
			}
			if strings.Contains(body, "secret") {
				t.Errorf("served a file outside the root: %q", body)
			}
			if tc.contentType == jsonType {
				var e struct {
					Error  string `json:"error"`
					Status int    `json:"status"`
				}
				if err := json.Unmarshal([]byte(body), &e); err != nil || e.Status != tc.status || e.Error == "" {
					t.Errorf("error body %q: %v", body, err)
				}
			}
			if tc.method == "OPTIONS" && !strings.Contains(resp.Header.Get("Access-Control-Allow-Methods"), "GET") {
				t.Errorf("preflight allows %q", resp.Header.Get("Access-Control-Allow-Methods"))
			}
		})
	}
}

// TestHandlerLiveMatchesLivePlaylist checks that the handler serves what
// LivePlaylist renders at the origin's clock.
func TestHandlerLiveMatchesLivePlaylist(t *testing.T) {
	now := at(47, time.Second)
	o := New(fakeMedia(t), Options{Now: func() time.Time { return now }})
	addr := serve(t, o)
	for _, d := range dialects {
		resp, body := rawRequest(t, addr, "GET", "/origin/live/360p.m3u8?cue="+d.String())
		if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("%s: status %d, Cache-Control %q", d, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
		if want := string(o.LivePlaylist(nil, "360p", d, now)); body != want {
			t.Errorf("%s: served\n%s\nwant\n%s", d, body, want)
		}
	}
}

func TestRelPath(t *testing.T) {
	for _, tc := range relPathCases {
		got, err := relPath(tc.raw)
		if (err != nil) != (tc.want == "") || got != tc.want {
			t.Errorf("relPath(%q) = %q, %v; want %q", tc.raw, got, err, tc.want)
		}
	}
}

// relPathCases drive TestRelPath and seed FuzzRelPath; want "" means
// rejected.
var relPathCases = []struct{ raw, want string }{
	{"/origin/vod/master.m3u8", "vod/master.m3u8"},
	{"/origin/vod/360p/seg_00000.ts", "vod/360p/seg_00000.ts"},
	{"/origin/live/360p.m3u8", "live/360p.m3u8"},
	{"/origin/a%20b.ts", "a b.ts"},
	{"/origin/", ""},
	{"/origin", ""},
	{"/other/vod/master.m3u8", ""},
	{"/origin/../x", ""},
	{"/origin/vod/./x", ""},
	{"/origin/vod/", ""},
	{"/origin//etc/passwd", ""},
	{"/origin/%2e%2e/x", ""},
	{"/origin/vod%2f..%2f..%2fx", ""},
	{"/origin/a\\b", ""},
	{"/origin/a%5cb", ""},
	{"/origin/a%00b", ""},
	{"/origin/%zz", ""},
}

func TestLiveMasterErrors(t *testing.T) {
	for _, in := range []string{
		"",
		"not a playlist",
		"#EXTM3U\n",
		"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nindex.m3u8\n",
		"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n../360p/index.m3u8\n",
		"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nhttp://x/360p/index.m3u8\n",
	} {
		if _, err := LiveMaster(nil, []byte(in), DialectCueOut); err == nil {
			t.Errorf("LiveMaster(%q) accepted it", in)
		}
	}
}
