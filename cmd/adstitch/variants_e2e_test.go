package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/e2e"
	"github.com/adstitch/adstitch/adserver/geo/geotest"
	"github.com/adstitch/adstitch/manifest"
	"github.com/adstitch/adstitch/variants/demo"
)

// From an uploaded base spot to each viewer's own variant, through the
// real serve wiring and real ffmpeg renders: a campaign targets Madrid and
// Barcelona with "Hello {city}!" burned in; saving it pre-renders both
// cities (and the base spot) into the stream's probed ladder; a Madrid
// viewer's pod carries the Madrid variant and a Barcelona viewer's the
// Barcelona one; hls.js plays the stitched stream with a discontinuity at
// every ad boundary.
func TestSpotToPersonalizedPodsEndToEnd(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg not installed (make test installs it)")
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	assets, err := demo.Prepare(context.Background(), demo.TestDir(), log)
	if err != nil {
		t.Fatal(err)
	}
	files := http.FileServer(http.Dir(assets.Dir))
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*") // the player page fetches content segments directly
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(origin.Close)
	dir := t.TempDir()
	geoPath := filepath.Join(dir, "city.mmdb")
	if err := geotest.WriteCityDB(geoPath, geotest.Sample(), geotest.SchemaGeoIP2City); err != nil {
		t.Fatal(err)
	}
	listen := freeAddr(t)
	yaml := fmt.Sprintf(`listen: %s
data_dir: %s
geoip: %s
streams:
  - {id: show, origin: %s/vod/master.m3u8, kind: vod, breaks: [preroll], break_duration: 20s}
fill:
  - {id: house, hls: %s/ads/house-10s/master.m3u8}
origins_allow: [%s]
sessions: {keys: [{id: k1, secret: %s}]}
api_keys: [{key: %s, role: admin}, {key: %s, role: service}]
variants: {max_upload_bytes: 20000000}
log: {level: warn}
`, listen, filepath.Join(dir, "var"), geoPath, origin.URL, origin.URL, strings.TrimPrefix(origin.URL, "http://"),
		proofSessionKey, e2eAdmin, e2eService)
	_, base := serveYAML(t, dir, listen, yaml)

	_, body := call(t, "POST", base+"/v1/advertisers", e2eAdmin, `{"name":"Acme Running"}`)
	adv := jsonField(t, body, "id")

	// Uploads: what is not a spot is refused with the reason; a spot is kept with its probe.
	for _, bad := range []struct {
		name    string
		content []byte
		code    int
		want    string
	}{
		{"notes.txt", []byte("this is not a video\n"), 422, "not a video"},
		{"big.mp4", bytes.Repeat([]byte{0}, 20_000_001), 413, "larger than the limit"},
	} {
		code, body := uploadSpot(t, base, adv, bad.name, bad.content)
		if code != bad.code || !strings.Contains(body, bad.want) {
			t.Errorf("upload %s = %d %s, want %d %q", bad.name, code, body, bad.code, bad.want)
		}
	}
	code, body := uploadSpot(t, base, adv, "spot.mp4", makeSpot(t, dir, 6))
	if code != 201 {
		t.Fatalf("upload spot = %d %s", code, body)
	}
	spot := jsonField(t, body, "id")
	if !strings.Contains(body, `"probe"`) || !strings.Contains(body, `"duration":6`) {
		t.Errorf("spot answer lacks its probe: %s", body)
	}
	if code, _ := call(t, "GET", base+"/v1/spots/"+spot, e2eAdmin, ""); code != 200 {
		t.Errorf("GET spot = %d", code)
	}

	campaign := func(template string) (int, string) {
		return call(t, "POST", base+"/v1/campaigns", e2eAdmin, fmt.Sprintf(`{"advertiser_id":%q,"name":"Hello cities",
			"start":"2026-01-01T00:00:00Z","end":"2030-01-01T00:00:00Z","priority":50,
			"targeting":{"city":{"in":["Madrid","Barcelona"]}},
			"creatives":[{"name":"city spot","spot_id":%q,"template":%s}]}`, adv, spot, template))
	}
	// A template naming an unknown variable is refused with its path.
	if code, body := campaign(`{"text":[{"value":"Hello {cty}!"}]}`); code != 422 ||
		!strings.Contains(body, `creatives[0].template.text[0].value: unknown variable {cty}`) {
		t.Errorf("bad template = %d %s", code, body)
	}
	code, body = campaign(`{"text":[{"value":"Hello {city}!","position":"bottom","box":true}]}`)
	if code != 201 {
		t.Fatalf("campaign = %d %s", code, body)
	}
	creative := jsonCreativeID(t, body)

	// Saving the campaign queued the base spot and both cities.
	type variant struct {
		ID         string            `json:"id"`
		Status     string            `json:"status"`
		Base       bool              `json:"base"`
		Context    map[string]string `json:"context"`
		PreviewURL string            `json:"preview_url"`
		Error      string            `json:"error"`
	}
	byCity := map[string]variant{}
	waitFor(t, 4*time.Minute, func() bool {
		_, body := call(t, "GET", base+"/v1/variants?creative="+creative, e2eAdmin, "")
		var got struct{ Variants []variant }
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("%v: %s", err, body)
		}
		ready := 0
		for _, v := range got.Variants {
			if v.Status == "failed" {
				t.Fatalf("variant failed: %+v", v)
			}
			if v.Status == "ready" {
				ready++
				byCity[v.Context["city"]] = v
			}
		}
		return ready == 3 && len(got.Variants) == 3
	})
	if byCity[""].ID == "" || !byCity[""].Base || byCity["Madrid"].ID == "" || byCity["Barcelona"].ID == "" {
		t.Fatalf("variants by city: %+v", byCity)
	}

	// Each viewer's pod carries its own city's variant.
	for _, tc := range []struct{ ip, city string }{{"198.51.100.7", "Madrid"}, {"203.0.113.9", "Barcelona"}} {
		code, body := call(t, "POST", base+"/v1/sessions", e2eService, fmt.Sprintf(`{"stream":"show","viewer_id":"v-%s","ip":%q}`, tc.ip, tc.ip))
		if code != 201 {
			t.Fatalf("session = %d %s", code, body)
		}
		sid, master := jsonField(t, body, "session_id"), jsonField(t, body, "manifest_url")
		_, pl := call(t, "GET", base+"/v1/s/"+sid+"/p/0.m3u8", "", "")
		want := byCity[tc.city].ID
		if !strings.Contains(pl, "/a/pre/0/"+want+"/") {
			t.Fatalf("%s viewer's pod lacks the %s variant %s:\n%s", tc.city, tc.city, want, pl)
		}
		_, expl := call(t, "GET", base+"/v1/sessions/"+sid+"/decisions", "", "")
		if !strings.Contains(expl, `"choice":"exact"`) || !strings.Contains(expl, `"got":"`+want+`"`) {
			t.Errorf("%s decisions: %s", tc.city, expl)
		}
		if tc.city == "Madrid" {
			playStitched(t, master, base+"/v1/s/"+sid+"/p/0.m3u8")
		}
	}
	// The two cities' variants differ on screen where the text is.
	if a, b := grabFrame(t, byCity["Madrid"].PreviewURL), grabFrame(t, byCity["Barcelona"].PreviewURL); bytes.Equal(a, b) {
		t.Error("the Madrid and Barcelona variants render the same frame")
	}
}

// playStitched plays a session in hls.js and checks every fragment's
// discontinuity counter against the playlist.
func playStitched(t *testing.T, master, media string) {
	t.Helper()
	_, body := call(t, "GET", media, "", "")
	m, err := manifest.ParseMedia([]byte(body), media)
	if err != nil {
		t.Fatal(err)
	}
	var want []int
	for _, s := range m.Segments {
		want = append(want, int(s.DiscSeq))
	}
	res := e2e.PlayHLSJS(t, master, e2e.PlayOptions{Mode: "vod", Rate: 4, Seconds: 120})
	if err := res.VerifyVOD(want); err != nil {
		t.Fatalf("hls.js: %v", err)
	}
}

// grabFrame decodes one frame 2 s into an HLS stream as PNG bytes.
func grabFrame(t *testing.T, url string) []byte {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-v", "error", "-ss", "2", "-i", url, "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "-").Output()
	if err != nil || len(out) == 0 {
		t.Fatalf("grab a frame of %s: %v", url, err)
	}
	return out
}

// makeSpot renders a base spot: a test pattern with a tone.
func makeSpot(t *testing.T, dir string, seconds int) []byte {
	t.Helper()
	path := filepath.Join(dir, "spot.mp4")
	d := fmt.Sprint(seconds)
	out, err := exec.Command("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration="+d,
		"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration="+d, "-ac", "2",
		"-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", path).CombinedOutput()
	if err != nil {
		t.Fatalf("make spot: %v\n%s", err, out)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// uploadSpot posts content as the multipart field "file".
func uploadSpot(t *testing.T, base, advertiser, name string, content []byte) (int, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, _ := w.CreateFormFile("file", name)
	fw.Write(content)
	w.Close()
	req, _ := http.NewRequest("POST", base+"/v1/spots?advertiser_id="+advertiser, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+e2eAdmin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
