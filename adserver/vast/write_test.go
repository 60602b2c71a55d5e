package vast

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// quartiles is a full set of quartile beacons under base.
func quartiles(base string) map[string][]string {
	m := map[string][]string{}
	for _, ev := range []string{"start", "firstQuartile", "midpoint", "thirdQuartile", "complete"} {
		m[ev] = []string{base + "/" + ev}
	}
	return m
}

func spot(n string, d time.Duration) Ad {
	return Ad{
		ID: "ad-" + n, AdTitle: "Spot " + n, Advertiser: "Acme Running",
		CreativeID: "cr-" + n, Duration: d,
		MediaURL: "https://cdn.example.com/ads/" + n + "/master.m3u8",
		Width:    1280, Height: 720, Bitrate: 3000, Codec: "avc1.64001f,mp4a.40.2",
		Impression: []string{"https://ads.example.com/b/" + n + "/impression"},
		Tracking:   quartiles("https://ads.example.com/b/" + n),
		Error:      []string{"https://ads.example.com/b/" + n + "/error"},
	}
}

// writeCases drive the golden files, the schema validation, the round
// trip through Parse and the FuzzParse seeds.
var writeCases = []struct {
	name string
	pod  Pod
	// notXSD says why the document is not schema-valid on purpose.
	notXSD string
}{
	{"empty", Pod{AdServingID: "srv-0"}, ""},
	{"empty-with-errors", Pod{Errors: []string{"https://ads.example.com/noad?code=303"}}, ""},
	{"one", Pod{AdServingID: "7f3c9a", Ads: []Ad{spot("a", 30*time.Second)}}, ""},
	{"three", Pod{AdServingID: "pod-3", Ads: []Ad{
		spot("a", 15*time.Second),
		spot("b", 10*time.Second+500*time.Millisecond),
		{ID: "ad-c", AdTitle: "House", Duration: 5 * time.Second, MediaURL: "http://127.0.0.1:9000/fill/c/master.m3u8", Width: 640, Height: 360},
	}}, ""},
	{"escaping", Pod{AdServingID: `srv&<"'>`, Ads: []Ad{{
		ID: `a&b<c>"d'`, AdSystem: "adstitch & co", AdTitle: `Fish & Chips <"special"> ]]> end`,
		Advertiser: "Ben & Jerry's", CreativeID: "cr&1", UniversalAdID: "UAID<1>",
		Duration: 29*time.Second + 999500*time.Microsecond, // rounds to 30.000
		MediaURL: "https://cdn.example.com/ads/a/master.m3u8?sig=a&b=<c>&d=\"e\"&f={g}|^`&h=caf%C3%A9",
		Width:    1920, Height: 1080,
		Impression: []string{
			"https://ads.example.com/imp?s=1&v=2&x=<y>",
			"https://third.example.org/pixel?a='q'&b=\\&c=ü",
		},
		Tracking: map[string][]string{
			"complete":              {"https://ads.example.com/t?e=complete&x=1&y=2"},
			"start":                 {"https://ads.example.com/t?e=start&x=1", "https://third.example.org/t?e=start&x=1"},
			"progress@00:00:05.000": {"https://ads.example.com/t?e=progress&at=5s"},
			"progress@50%":          {"https://ads.example.com/t?e=progress&at=50%25"},
			"pause":                 {"https://ads.example.com/t?e=pause&y=2"},
		},
	}}}, ""},
	{"overrides", Pod{Ads: []Ad{{
		Sequence: 3, AdServingID: "explicit-id", AdTitle: "", Duration: 90 * time.Minute,
		MediaURL: "http://[::1]:8080/ads/long/master.m3u8", Width: 0, Height: 0,
	}}}, ""},
	{"macros", Pod{AdServingID: "m", Ads: []Ad{{
		AdTitle: "Third-party macros", Duration: 20 * time.Second, Width: 1280, Height: 720,
		MediaURL:   "https://cdn.example.com/ads/m/master.m3u8?end=]]>&x=1",
		Impression: []string{"https://third.example.org/imp?cb=[CACHEBUSTING]&ts=[TIMESTAMP]"},
		Error:      []string{"https://third.example.org/err?code=[ERRORCODE]"},
		Tracking:   map[string][]string{"start": {"https://third.example.org/t?e=start&ph=[CONTENTPLAYHEAD]"}},
	}}}, "the schema's xs:anyURI (libxml2) refuses '[' and ']' outside a host; players substitute bracket macros"},
}

func TestWriteGolden(t *testing.T) {
	for _, tc := range writeCases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tc.pod); err != nil {
				t.Fatalf("Write: %v", err)
			}
			golden := filepath.Join("testdata", "golden", tc.name+".xml")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("output differs from %s (run with -update after checking):\n%s", golden, buf.Bytes())
			}
		})
	}
}

// TestWriteRoundTrip reads Write's output back with Parse: every value
// survives the XML escaping.
func TestWriteRoundTrip(t *testing.T) {
	for _, tc := range writeCases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tc.pod); err != nil {
				t.Fatalf("Write: %v", err)
			}
			doc, err := Parse(buf.Bytes())
			if err != nil {
				t.Fatalf("Parse(Write(pod)): %v\n%s", err, buf.Bytes())
			}
			checkRoundTrip(t, tc.pod, doc)
		})
	}
}

// checkRoundTrip compares a parsed document with the pod it was written
// from. Text is compared trimmed: Parse trims white space around values.
func checkRoundTrip(t *testing.T, pod Pod, doc *Document) {
	t.Helper()
	if doc.Version != "4.2" {
		t.Errorf("version %q", doc.Version)
	}
	if !equalStrings(doc.Errors, pod.Errors) {
		t.Errorf("root errors %q, want %q", doc.Errors, pod.Errors)
	}
	if len(doc.Ads) != len(pod.Ads) {
		t.Fatalf("%d ads, want %d", len(doc.Ads), len(pod.Ads))
	}
	for i, want := range pod.Ads {
		got := doc.Ads[i]
		seq := want.Sequence
		if seq == 0 {
			seq = i + 1
		}
		system := want.AdSystem
		if system == "" {
			system = "adstitch"
		}
		imps := want.Impression
		if len(imps) == 0 {
			imps = []string{"about:blank"}
		}
		tr := strings.TrimSpace
		switch {
		case got.Wrapper:
			t.Errorf("ad %d: parsed as a wrapper", i)
		case got.ID != tr(want.ID), got.Sequence != seq, got.AdSystem != tr(system),
			got.Title != tr(want.AdTitle), got.Advertiser != tr(want.Advertiser):
			t.Errorf("ad %d: got id %q seq %d system %q title %q advertiser %q", i, got.ID, got.Sequence, got.AdSystem, got.Title, got.Advertiser)
		case !equalStrings(got.Impressions, imps), !equalStrings(got.Errors, want.Error):
			t.Errorf("ad %d: impressions %q errors %q", i, got.Impressions, got.Errors)
		case len(got.Creatives) != 1 || got.Creatives[0].Linear == nil:
			t.Fatalf("ad %d: creatives %+v", i, got.Creatives)
		}
		if want.AdServingID != "" && got.AdServingID != tr(want.AdServingID) {
			t.Errorf("ad %d: AdServingId %q, want %q", i, got.AdServingID, want.AdServingID)
		}
		c := got.Creatives[0]
		lin := c.Linear
		if c.ID != tr(want.CreativeID) {
			t.Errorf("ad %d: creative id %q", i, c.ID)
		}
		if d := want.Duration.Round(time.Millisecond); lin.Duration != d {
			t.Errorf("ad %d: duration %v, want %v", i, lin.Duration, d)
		}
		if len(lin.MediaFiles) != 1 {
			t.Fatalf("ad %d: media files %+v", i, lin.MediaFiles)
		}
		m := lin.MediaFiles[0]
		if m.URL != want.MediaURL || m.Type != "application/x-mpegURL" || m.Delivery != "streaming" ||
			m.Width != want.Width || m.Height != want.Height || m.Bitrate != want.Bitrate || m.Codec != tr(want.Codec) {
			t.Errorf("ad %d: media %+v", i, m)
		}
		tracking := map[string][]string{}
		addTracking(tracking, lin.Tracking)
		if len(tracking) != len(want.Tracking) {
			t.Errorf("ad %d: tracking %q, want %q", i, tracking, want.Tracking)
		}
		for k, v := range want.Tracking {
			if !equalStrings(tracking[k], v) {
				t.Errorf("ad %d: tracking %s = %q, want %q", i, k, tracking[k], v)
			}
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestWriteRejects(t *testing.T) {
	ok := spot("a", 30*time.Second)
	with := func(f func(*Ad)) Pod {
		ad := ok
		ad.Tracking = quartiles("https://ads.example.com/b/a")
		f(&ad)
		return Pod{AdServingID: "p", Ads: []Ad{ad}}
	}
	cases := []struct {
		name string
		pod  Pod
		want string // in the error message
	}{
		{"no serving id", Pod{Ads: []Ad{ok}}, "no AdServingID"},
		{"errors with ads", Pod{AdServingID: "p", Ads: []Ad{ok}, Errors: []string{"https://x/e"}}, "only for an empty pod"},
		{"bad root error URL", Pod{Errors: []string{"https://x/e rr"}}, "space or control"},
		{"zero duration", with(func(a *Ad) { a.Duration = 0 }), "duration 0s out of range"},
		{"sub-millisecond duration", with(func(a *Ad) { a.Duration = 400 * time.Microsecond }), "out of range"},
		{"day-long duration", with(func(a *Ad) { a.Duration = 24 * time.Hour }), "out of range"},
		{"negative duration", with(func(a *Ad) { a.Duration = -time.Second }), "out of range"},
		{"no media", with(func(a *Ad) { a.MediaURL = "" }), "media URL"},
		{"media with space", with(func(a *Ad) { a.MediaURL = "https://cdn/a b.m3u8" }), "space or control"},
		{"media with newline", with(func(a *Ad) { a.MediaURL = "https://cdn/a\n.m3u8" }), "space or control"},
		{"media bad escape", with(func(a *Ad) { a.MediaURL = "https://cdn/a%zz.m3u8" }), "invalid URL escape"},
		{"media two fragments", with(func(a *Ad) { a.MediaURL = "https://cdn/a#b#c" }), "more than one '#'"},
		{"media not utf-8", with(func(a *Ad) { a.MediaURL = "https://cdn/\xff" }), "UTF-8"},
		{"negative width", with(func(a *Ad) { a.Width = -1 }), "negative width"},
		{"negative sequence", with(func(a *Ad) { a.Sequence = -2 }), "negative sequence"},
		{"empty impression", with(func(a *Ad) { a.Impression = []string{""} }), "impression [0]"},
		{"bad error URL", with(func(a *Ad) { a.Error = []string{"\x00"} }), "error [0]"},
		{"unknown event", with(func(a *Ad) { a.Tracking["firstquartile"] = []string{"https://x/t"} }), `"firstquartile": not a VAST 4.2`},
		{"progress without offset", with(func(a *Ad) { a.Tracking["progress"] = []string{"https://x/t"} }), "needs an offset"},
		{"progress bad offset", with(func(a *Ad) { a.Tracking["progress@5s"] = []string{"https://x/t"} }), "needs an offset"},
		{"progress over 100%", with(func(a *Ad) { a.Tracking["progress@101%"] = []string{"https://x/t"} }), "needs an offset"},
		{"bad tracking URL", with(func(a *Ad) { a.Tracking["start"] = []string{"https://x/ t"} }), `"start" [0]`},
		{"title control char", with(func(a *Ad) { a.AdTitle = "a\x01b" }), "AdTitle"},
		{"title not utf-8", with(func(a *Ad) { a.AdTitle = "\xc3" }), "AdTitle"},
		{"duplicate sequence", Pod{AdServingID: "p", Ads: []Ad{ok, func() Ad { a := ok; a.Sequence = 1; return a }()}}, "sequence 1 already used by ads[0]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, tc.pod)
			if !errors.Is(err, ErrInvalidPod) {
				t.Fatalf("Write err = %v, want ErrInvalidPod", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes on error", buf.Len())
			}
		})
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteReportsWriterError(t *testing.T) {
	err := Write(failingWriter{}, writeCases[2].pod)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v", err)
	}
}
