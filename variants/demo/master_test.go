package demo

import (
	"bytes"
	"testing"
	"time"

	"github.com/grafov/m3u8"
)

func TestMasterPlaylist(t *testing.T) {
	c := &Clip{Name: "vod", Variants: []Variant{
		{Rendition: "360p", URI: "360p/index.m3u8", Codecs: "avc1.64001f,mp4a.40.2", Bandwidth: 896008, AverageBandwidth: 860915},
		{Rendition: "720p", URI: "720p/index.m3u8", Codecs: "avc1.64001f,mp4a.40.2", Bandwidth: 2694792, AverageBandwidth: 2546924},
	}}
	got := MasterPlaylist(ladder, c)
	want := `#EXTM3U
#EXT-X-VERSION:3
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-STREAM-INF:BANDWIDTH=896008,AVERAGE-BANDWIDTH=860915,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=640x360,FRAME-RATE=30.000
360p/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=2694792,AVERAGE-BANDWIDTH=2546924,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720,FRAME-RATE=30.000
720p/index.m3u8
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	pl, kind, err := m3u8.DecodeFrom(bytes.NewReader(got), true)
	if err != nil || kind != m3u8.MASTER {
		t.Fatalf("decode: %v (kind %v)", err, kind)
	}
	if v := pl.(*m3u8.MasterPlaylist).Variants[1]; v.Resolution != "1280x720" || v.FrameRate != 30 || v.AverageBandwidth != 2546924 {
		t.Errorf("decoded %+v", v.VariantParams)
	}
}

func TestSegmentName(t *testing.T) {
	for i, want := range map[int]string{0: "seg_00000.ts", 7: "seg_00007.ts", 14: "seg_00014.ts", 123456: "seg_123456.ts"} {
		if got := SegmentName(i); got != want {
			t.Errorf("SegmentName(%d) = %q, want %q", i, got, want)
		}
	}
}

func TestCheckSegments(t *testing.T) {
	seg := func(secs ...int) []Segment {
		var out []Segment
		for _, d := range secs {
			out = append(out, Segment{Duration: time.Duration(d) * time.Second})
		}
		return out
	}
	for _, tc := range []struct {
		name     string
		segs     []Segment
		duration int
		ok       bool
	}{
		{"exact", seg(4, 4, 4), 12, true},
		{"short last", seg(4, 4, 2), 10, true},
		{"15 s", seg(4, 4, 4, 3), 15, true},
		{"short middle", seg(4, 2, 4), 10, false},
		{"missing segment", seg(4, 4), 10, false},
		{"long last", seg(4, 4, 4), 10, false},
	} {
		err := checkSegments(tc.segs, time.Duration(tc.duration)*time.Second, 4*time.Second)
		if (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
