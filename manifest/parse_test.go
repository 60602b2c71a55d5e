package manifest

import (
	"errors"
	"strings"
	"testing"
)

// casesMedia drives the media parser tests and seeds FuzzStitch.
var casesMedia = []struct {
	name    string
	in      string
	wantErr error
	check   func(t *testing.T, m *Media)
}{
	{
		name: "crlf-and-bom",
		in:   "\xef\xbb\xbf#EXTM3U\r\n#EXT-X-TARGETDURATION:6\r\n#EXT-X-MEDIA-SEQUENCE:7\r\n#EXTINF:6.0,title\r\na.ts\r\n#EXT-X-ENDLIST\r\n",
		check: func(t *testing.T, m *Media) {
			if len(m.Segments) != 1 || m.Segments[0].Seq != 7 || m.Segments[0].URI != "http://o.example/live/a.ts" || !m.EndList {
				t.Fatalf("got %+v", m.Segments)
			}
		},
	},
	{
		name: "discontinuity-sequence-counts",
		in:   "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-DISCONTINUITY-SEQUENCE:3\n#EXT-X-DISCONTINUITY\n#EXTINF:4,\na.ts\n#EXTINF:4,\nb.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:4,\nc.ts\n",
		check: func(t *testing.T, m *Media) {
			got := []uint64{m.Segments[0].DiscSeq, m.Segments[1].DiscSeq, m.Segments[2].DiscSeq}
			if got[0] != 4 || got[1] != 4 || got[2] != 5 { // the first segment's own tag counts (RFC 8216 §3)
				t.Fatalf("disc seqs %v, want [4 4 5]", got)
			}
		},
	},
	{
		name: "pdt-extrapolated",
		in:   "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\na.ts\n#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:04Z\n#EXTINF:4,\nb.ts\n#EXTINF:4,\nc.ts\n",
		check: func(t *testing.T, m *Media) {
			if m.Segments[0].PDT.Second() != 0 || m.Segments[2].PDT.Second() != 8 {
				t.Fatalf("dates %v %v", m.Segments[0].PDT, m.Segments[2].PDT)
			}
		},
	},
	{
		name: "ll-hls-tags-dropped",
		in:   "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES\n#EXT-X-PART-INF:PART-TARGET=1\n#EXT-X-PART:DURATION=1,URI=\"p.mp4\"\n#EXTINF:4,\na.ts\n#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"q.mp4\"\n",
		check: func(t *testing.T, m *Media) {
			if len(m.Header) != 0 || len(m.Segments[0].Tags) != 0 || len(m.Trailer) != 0 {
				t.Fatalf("LL-HLS tags kept: %v %v %v", m.Header, m.Segments[0].Tags, m.Trailer)
			}
		},
	},
	{
		name: "unknown-tags-kept-verbatim",
		in:   "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-BITRATE:800\n#EXT-VENDOR-THING:x=1\n#EXTINF:4,\na.ts\n",
		check: func(t *testing.T, m *Media) {
			if strings.Join(m.Segments[0].Tags, "|") != "#EXT-X-BITRATE:800|#EXT-VENDOR-THING:x=1" {
				t.Fatalf("tags %v", m.Segments[0].Tags)
			}
		},
	},
	{
		name: "malformed-cue-is-a-warning",
		in:   "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-CUE-OUT:DURATION=abc\n#EXTINF:4,\na.ts\n",
		check: func(t *testing.T, m *Media) {
			if len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0].Error(), "line 3") {
				t.Fatalf("warnings %v", m.Warnings)
			}
		},
	},
	{name: "empty", in: "", wantErr: ErrNotPlaylist},
	{name: "not-hls", in: "<html>hello</html>", wantErr: ErrNotPlaylist},
	{name: "bad-utf8", in: "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\n\xff\xfe.ts\n", wantErr: ErrSyntax},
	{name: "absurd-duration", in: "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:1e300,\na.ts\n", wantErr: ErrSyntax},
	{name: "negative-duration", in: "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:-4,\na.ts\n", wantErr: ErrSyntax},
	{name: "nan-duration", in: "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:NaN,\na.ts\n", wantErr: ErrSyntax},
	{name: "uri-without-extinf", in: "#EXTM3U\n#EXT-X-TARGETDURATION:4\na.ts\n", wantErr: ErrSyntax},
	{name: "extinf-without-uri", in: "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\n", wantErr: ErrSyntax},
	{name: "bad-media-sequence", in: "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:-1\n", wantErr: ErrSyntax},
	{name: "byterange-without-offset-on-new-resource", in: "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-BYTERANGE:100\n#EXTINF:4,\na.ts\n", wantErr: ErrSyntax},
	{name: "master-given-as-media", in: "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n", wantErr: ErrSyntax},
}

func TestParseMedia(t *testing.T) {
	for _, tc := range casesMedia {
		t.Run(tc.name, func(t *testing.T) {
			m, err := ParseMedia([]byte(tc.in), "http://o.example/live/index.m3u8")
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, m)
		})
	}
}

func TestParseMediaLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("#EXTM3U\n#EXT-X-TARGETDURATION:1\n")
	for i := 0; i <= maxSegments; i++ {
		b.WriteString("#EXTINF:1,\na.ts\n")
	}
	if _, err := ParseMedia([]byte(b.String()), "http://o/x.m3u8"); !errors.Is(err, ErrLimit) {
		t.Fatalf("10^5+1 segments: err = %v, want ErrLimit", err)
	}
	long := "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n" + strings.Repeat("a", maxLineLen+1) + "\n"
	if _, err := ParseMedia([]byte(long), "http://o/x.m3u8"); !errors.Is(err, ErrLimit) {
		t.Fatalf("long line: err = %v, want ErrLimit", err)
	}
}

const masterAllAttrs = `#EXTM3U
#EXT-X-VERSION:6
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-SESSION-DATA:DATA-ID="com.example.title",URI="title.json"
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio/en.m3u8"
#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",URI="subs/en.m3u8"
#EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID="cc",NAME="CC1",INSTREAM-ID="CC1"
#EXT-X-STREAM-INF:BANDWIDTH=2500000,AVERAGE-BANDWIDTH=2200000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720,FRAME-RATE=30.000,AUDIO="aud",SUBTITLES="subs",CLOSED-CAPTIONS="cc",HDCP-LEVEL=NONE,VIDEO-RANGE=SDR
720p/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS="avc1.4d401e,mp4a.40.2",RESOLUTION=640x360,AUDIO="aud",SUBTITLES="subs",CLOSED-CAPTIONS="cc"
https://cdn.example/360p/index.m3u8?token=a,b
#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=200000,CODECS="avc1.64001f",RESOLUTION=1280x720,URI="720p/iframes.m3u8"
#EXT-X-CONTENT-STEERING:SERVER-URI="steer.json"
`

func TestMasterRewritePreservesAttributes(t *testing.T) {
	m, err := ParseMaster([]byte(masterAllAttrs), "https://origin.example/show/master.m3u8")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Renditions) != 5 {
		t.Fatalf("renditions = %d, want 5 (2 variants, audio, subtitles, i-frames)", len(m.Renditions))
	}
	v := m.Renditions[2]
	if v.Kind != KindVariant || v.Bandwidth != 2500000 || v.Width != 1280 || v.Height != 720 || v.Codecs != "avc1.64001f,mp4a.40.2" || v.FrameRate != 30 {
		t.Fatalf("variant %+v", v)
	}
	if m.Renditions[3].URI != "https://cdn.example/360p/index.m3u8?token=a,b" {
		t.Fatalf("absolute URI changed: %s", m.Renditions[3].URI)
	}
	out := string(m.AppendRewritten(nil, "/v1/s/TOK/p/"))
	golden(t, "master-rewrite.m3u8", []byte(out))
	for _, want := range []string{
		`URI="/v1/s/TOK/p/0.m3u8"`, `URI="/v1/s/TOK/p/1.m3u8"`, "\n/v1/s/TOK/p/2.m3u8\n", "\n/v1/s/TOK/p/3.m3u8\n",
		`URI="/v1/s/TOK/p/4.m3u8"`, `HDCP-LEVEL=NONE,VIDEO-RANGE=SDR`, `URI="https://origin.example/show/title.json"`,
		`INSTREAM-ID="CC1"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("rewritten master lacks %q", want)
		}
	}
	if strings.Contains(out, "CONTENT-STEERING") {
		t.Error("content steering kept: players would leave our playlists")
	}
	if _, err := ParseMaster([]byte(out), "http://adstitch.example/v1/master/x.m3u8"); err != nil {
		t.Fatalf("rewritten master does not re-parse: %v", err)
	}
}

func TestParseMasterErrors(t *testing.T) {
	for name, in := range map[string]string{
		"empty":              "",
		"no-uri-line":        "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n",
		"stray-uri":          "#EXTM3U\nfoo.m3u8\n",
		"no-renditions":      "#EXTM3U\n#EXT-X-VERSION:3\n",
		"bad-attribute":      "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH\nv.m3u8\n",
		"unterminated-quote": "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,URI=\"a.m3u8\n",
	} {
		if _, err := ParseMaster([]byte(in), "http://o/m.m3u8"); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if !IsMaster([]byte(masterAllAttrs)) || IsMaster(vodPlaylist(2, nil)) {
		t.Error("IsMaster misjudges")
	}
}
