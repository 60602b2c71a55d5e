package vast

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// parseCases are documents as ad servers send them, in testdata/vast,
// with what Parse must make of them. They also seed FuzzParse.
var parseCases = []struct {
	file string
	want *Document
}{
	{"vast2-inline.xml", &Document{Version: "2.0", Ads: []ParsedAd{{
		ID: "preroll-7", AdSystem: "ScanAds 2.0", Title: "Running shoes, 30s",
		Errors:      []string{"http://err.example.com/e?code=[ERRORCODE]"},
		Impressions: []string{"http://imp.example.com/b?c1=1&c2=600&rn=-103217130"},
		Creatives: []Creative{
			{AdID: "ISCI-0042", Linear: &Linear{Duration: 30 * time.Second, MediaFiles: []MediaFile{
				{URL: "http://media.example.com/spot-600.mp4", Delivery: "progressive", Type: "video/mp4", Width: 600, Height: 396, Bitrate: 496},
				{URL: "http://media.example.com/spot/master.m3u8", Delivery: "streaming", Type: "application/x-mpegURL", Width: 1280, Height: 720, Bitrate: 2500},
			}}},
			{},
		},
	}}}},
	{"vast3-inline.xml", &Document{Version: "3.0", Ads: []ParsedAd{{
		ID: "20001", AdSystem: "labsys", Title: "lab video ad",
		Errors:      []string{"http://example.com/error"},
		Impressions: []string{"http://example.com/track/impression"},
		Creatives: []Creative{{ID: "5480", Sequence: 1, Linear: &Linear{
			Duration: 16 * time.Second,
			Tracking: []Tracking{
				{Event: "start", URL: "http://example.com/tracking/start"},
				{Event: "firstQuartile", URL: "http://example.com/tracking/firstQuartile"},
				{Event: "midpoint", URL: "http://example.com/tracking/midpoint"},
				{Event: "thirdQuartile", URL: "http://example.com/tracking/thirdQuartile"},
				{Event: "complete", URL: "http://example.com/tracking/complete"},
				{Event: "progress", Offset: "00:00:10", URL: "http://example.com/tracking/progress-10"},
			},
			MediaFiles: []MediaFile{{
				URL: "https://example.com/ads/5480/index.m3u8", ID: "5241", Delivery: "streaming", Type: "application/vnd.apple.mpegurl",
				Codec: "0", Width: 400, Height: 300, Bitrate: 500, MinBitrate: 360, MaxBitrate: 1080,
			}},
		}}},
	}}}},
	{"vast42-inline.xml", &Document{Version: "4.2", Ads: []ParsedAd{{
		ID: "20001", Sequence: 1, AdSystem: "techlab", Title: "techlab video ad",
		AdServingID: "a532d16d-4d7f-4440-bd29-2ec0e693fc80", Advertiser: "Acme",
		Errors:      []string{"https://example.com/error"},
		Impressions: []string{"https://example.com/track/impression"},
		Creatives: []Creative{{
			ID: "5480", AdID: "2447226", Sequence: 1,
			UniversalAdIDs: []UniversalAdID{{"Ad-ID", "8465"}, {"Foo-ID", "4444323"}},
			Linear: &Linear{
				Duration: 16*time.Second + 500*time.Millisecond,
				Tracking: []Tracking{
					{Event: "start", URL: "https://example.com/tracking/start"},
					{Event: "progress", Offset: "25%", URL: "https://example.com/tracking/progress-25"},
					{Event: "complete", URL: "https://example.com/tracking/complete"},
				},
				MediaFiles: []MediaFile{
					{URL: "https://example.com/ads/5480/high.mp4", ID: "5241", Delivery: "progressive", Type: "video/mp4", Codec: "H.264",
						Width: 1280, Height: 720, Bitrate: 2000, MinBitrate: 1500, MaxBitrate: 2500},
					{URL: "https://example.com/ads/5480/master.m3u8", ID: "5242", Delivery: "streaming", Type: "application/x-mpegURL",
						Codec: "avc1.640028,mp4a.40.2", Width: 1920, Height: 1080},
				},
			},
		}},
	}}}},
	{"vast42-wrapper.xml", &Document{Version: "4.2", Ads: []ParsedAd{{
		ID: "20011", Sequence: 1, AdSystem: "techlab",
		Errors:      []string{"https://example.com/wrapper/error"},
		Impressions: []string{"https://example.com/wrapper/impression"},
		Creatives: []Creative{
			{ID: "5480", Sequence: 1, Linear: &Linear{Tracking: []Tracking{{Event: "firstQuartile", URL: "https://example.com/wrapper/q1"}}}},
			{ID: "5481"},
		},
		Wrapper: true, AdTagURI: "https://ads.example.com/vast/inline.xml?cb=[CACHEBUSTING]",
		FollowAdditionalWrappers: false, AllowMultipleAds: true,
	}}}},
	{"vast3-pod.xml", &Document{Version: "3.0", Ads: []ParsedAd{
		{ID: "buffet", AdSystem: "podsys", Title: "stand-alone", Impressions: []string{"http://example.com/imp/buffet"},
			Creatives: []Creative{{Linear: &Linear{Duration: 5 * time.Second, MediaFiles: []MediaFile{
				{URL: "http://example.com/buffet.m3u8", Delivery: "streaming", Type: "application/x-mpegURL", Width: 640, Height: 360}}}}}},
		{ID: "second", Sequence: 2, AdSystem: "podsys", Impressions: []string{"http://example.com/imp/second"},
			Wrapper: true, AdTagURI: "http://example.com/next.xml", FollowAdditionalWrappers: true},
		{ID: "first", Sequence: 1, AdSystem: "podsys", Title: "first", Impressions: []string{"http://example.com/imp/first"},
			Creatives: []Creative{{Sequence: 1, Linear: &Linear{Duration: 15*time.Second + 250*time.Millisecond, MediaFiles: []MediaFile{
				{URL: "http://example.com/first.m3u8", Delivery: "streaming", Type: "application/x-mpegURL", Width: 1280, Height: 720, Bitrate: 3000}}}}}},
	}}},
	{"sloppy.xml", &Document{Version: "4.0", Ads: []ParsedAd{{
		ID: "s&1", AdSystem: "legacy", Title: "Café\u00a0Spot © ☺",
		Impressions: []string{"http://example.com/imp?a=1&b=2&c=&d"},
		Creatives: []Creative{{
			ID:             "c&1",
			UniversalAdIDs: []UniversalAdID{{"Ad-ID", "ACME0001000H"}},
			Linear: &Linear{
				Duration: 10 * time.Second,
				Tracking: []Tracking{{Event: "midpoint", URL: "http://example.com/t?e=mid&x=1"}},
				MediaFiles: []MediaFile{{URL: "http://example.com/m.m3u8?a=1&b=2", Delivery: "streaming",
					Type: "application/x-mpegURL; charset=utf-8", Height: 720}},
			},
		}},
	}}}},
	{"latin1.xml", &Document{Version: "3.0", Ads: []ParsedAd{{
		ID: "l1", AdSystem: "latin", Title: "Jamón ibérico \u0080", Impressions: []string{"http://example.com/i"},
	}}}},
	{"cp1252.xml", &Document{Version: "3.0", Ads: []ParsedAd{{
		ID: "w1", AdSystem: "win", Title: "“quoted” € 5 \ufffd",
	}}}},
	{"noad.xml", &Document{Version: "4.2", Errors: []string{"https://example.com/noad?code=[ERRORCODE]"}}},
	{"empty.xml", &Document{Version: "3.0"}},
}

func readSample(t testing.TB, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "vast", file))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParse(t *testing.T) {
	for _, tc := range parseCases {
		t.Run(tc.file, func(t *testing.T) {
			got, err := Parse(readSample(t, tc.file))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Parse mismatch\n got: %+v\nwant: %+v", got, tc.want)
				for i := range min(len(got.Ads), len(tc.want.Ads)) {
					if !reflect.DeepEqual(got.Ads[i], tc.want.Ads[i]) {
						t.Errorf("ad %d\n got: %+v\nwant: %+v", i, got.Ads[i], tc.want.Ads[i])
					}
				}
			}
		})
	}
}

// badDocuments are rejected with ErrBadVAST and an error naming the
// problem. They also seed FuzzParse.
var badDocuments = []struct {
	name, doc, want string
}{
	{"empty", "", "empty document"},
	{"blank", " \n\t", "empty document"},
	{"html", "<html><body>502 Bad Gateway</body></html>", "root element <html>, want <VAST>"},
	{"vmap", `<vmap:VMAP xmlns:vmap="http://www.iab.net/videosuite/vmap" version="1.0"/>`, "root element <VMAP>"},
	{"vast1", `<VideoAdServingTemplate><Ad id="x"/></VideoAdServingTemplate>`, "want <VAST>"},
	{"text", "no ads today", "text before the root element"},
	{"version 1", `<VAST version="1.0"/>`, `unsupported VAST version "1.0"`},
	{"version 5", `<VAST version="5.0"/>`, `unsupported VAST version "5.0"`},
	{"truncated", `<VAST version="3.0"><Ad id="1"><InLine><AdSystem>x`, "unexpected EOF"},
	{"mismatched tags", `<VAST version="3.0"><Ad></VAST>`, "closed by </VAST>"},
	{"charset", `<?xml version="1.0" encoding="Shift_JIS"?><VAST version="3.0"/>`, `unsupported encoding "Shift_JIS"`},
	{"neither", `<VAST version="3.0"><Ad id="n"></Ad></VAST>`, `Ad[0] (id "n"): neither InLine nor Wrapper`},
	{"both", `<VAST version="3.0"><Ad><InLine/><Wrapper/></Ad></VAST>`, "both InLine and Wrapper"},
	{"wrapper without uri", `<VAST version="4.0"><Ad><Wrapper><AdSystem>w</AdSystem><VASTAdTagURI> </VASTAdTagURI></Wrapper></Ad></VAST>`, "Wrapper without VASTAdTagURI"},
	{"bad sequence", `<VAST version="3.0"><Ad sequence="-1"><Wrapper><VASTAdTagURI>http://x/</VASTAdTagURI></Wrapper></Ad></VAST>`, `sequence: "-1" is not a non-negative integer`},
	{"bad follow", `<VAST version="4.0"><Ad><Wrapper followAdditionalWrappers="maybe"><VASTAdTagURI>http://x/</VASTAdTagURI></Wrapper></Ad></VAST>`, `followAdditionalWrappers: "maybe" is not a boolean`},
	{"bad duration", `<VAST version="3.0"><Ad id="d"><InLine><Creatives><Creative id="c"><Linear><Duration>30s</Duration></Linear></Creative></Creatives></InLine></Ad></VAST>`,
		`Ad[0] (id "d"): Creative[0] (id "c"): Linear: Duration "30s"`},
	{"minutes overflow", `<VAST version="3.0"><Ad><InLine><Creatives><Creative><Linear><Duration>00:60:00</Duration></Linear></Creative></Creatives></InLine></Ad></VAST>`, `Duration "00:60:00"`},
	{"inline without duration", `<VAST version="3.0"><Ad><InLine><Creatives><Creative><Linear><MediaFiles/></Linear></Creative></Creatives></InLine></Ad></VAST>`, "Linear: no Duration"},
	{"bad width", `<VAST version="3.0"><Ad><InLine><Creatives><Creative><Linear><Duration>00:00:05</Duration><MediaFiles><MediaFile id="m" width="wide"/></MediaFiles></Linear></Creative></Creatives></InLine></Ad></VAST>`,
		`MediaFile[0] (id "m"): width: "wide" is not a non-negative integer`},
}

func TestParseRejects(t *testing.T) {
	for _, tc := range badDocuments {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse([]byte(tc.doc))
			if !errors.Is(err, ErrBadVAST) {
				t.Fatalf("Parse = %+v, %v; want ErrBadVAST", doc, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func TestTrackingKey(t *testing.T) {
	for _, tc := range []struct {
		in   Tracking
		want string
	}{
		{Tracking{Event: "start"}, "start"},
		{Tracking{Event: "progress", Offset: "00:00:10"}, "progress@00:00:10"},
		{Tracking{Event: "progress"}, "progress"},
		{Tracking{Event: "midpoint", Offset: "50%"}, "midpoint"},
	} {
		if got := tc.in.Key(); got != tc.want {
			t.Errorf("%+v.Key() = %q, want %q", tc.in, got, tc.want)
		}
	}
}
