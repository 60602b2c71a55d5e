package probe

import (
	"strings"
	"testing"
)

// content720 is a typical content rendition: 720p30 High 3.1, 2 s GOP,
// 6 s segments, AAC-LC 48 kHz stereo in MPEG-TS.
var content720 = Rendition{
	URI: "https://origin.example/720/index.m3u8", Bandwidth: 3_000_000, Codecs: "avc1.64001f,mp4a.40.2",
	VideoCodec: "h264", Profile: "High", Level: 31, Width: 1280, Height: 720, FrameRate: "30/1", PixFmt: "yuv420p", GOP: 60,
	AudioCodec: "aac", AudioProf: "LC", SampleRate: 48000, Channels: 2, SegmentDur: 6, Container: "ts",
}

var mismatchCases = []struct {
	name string
	want Rendition
	got  func(r *Rendition)
	msg  string // "" = stitches; else every ";"-separated part must appear
}{
	{name: "identical", want: content720, got: func(r *Rendition) {}},
	{name: "other URI, bandwidth and codecs", want: content720, got: func(r *Rendition) {
		r.URI, r.Bandwidth, r.Codecs = "r1/index.m3u8", 2_100_000, "avc1.64001e,mp4a.40.2"
	}},
	{name: "lower level", want: content720, got: func(r *Rendition) { r.Level = 30 }},
	{name: "same rate written otherwise", want: content720, got: func(r *Rendition) { r.FrameRate = "60/2" }},
	{name: "shorter GOP", want: content720, got: func(r *Rendition) { r.GOP = 30 }},
	{name: "GOP of a whole segment", want: content720, got: func(r *Rendition) { r.GOP = 180 }},
	{name: "shorter segments", want: content720, got: func(r *Rendition) { r.SegmentDur = 4 }},
	{name: "constrained baseline into baseline", want: withProfile("Baseline"), got: func(r *Rendition) { r.Profile = "Constrained Baseline" }},

	{name: "profile", want: content720, got: func(r *Rendition) { r.Profile = "Main" }, msg: "profile: want High, got Main"},
	{name: "baseline into constrained baseline", want: withProfile("Constrained Baseline"), got: func(r *Rendition) { r.Profile = "Baseline" },
		msg: "profile: want Constrained Baseline, got Baseline"},
	{name: "higher level", want: content720, got: func(r *Rendition) { r.Level = 40 }, msg: "level: want at most 3.1, got 4.0"},
	{name: "size", want: content720, got: func(r *Rendition) { r.Height = 718 }, msg: "size: want 1280x720, got 1280x718"},
	{name: "frame rate", want: content720, got: func(r *Rendition) { r.FrameRate = "30000/1001" }, msg: "frame rate: want 30/1, got 30000/1001"},
	{name: "unparsable frame rate", want: content720, got: func(r *Rendition) { r.FrameRate = "0/0" }, msg: "frame rate: want 30/1, got 0/0"},
	{name: "pix_fmt", want: content720, got: func(r *Rendition) { r.PixFmt = "yuv420p10le" }, msg: "pix_fmt: want yuv420p, got yuv420p10le"},
	{name: "video codec", want: content720, got: func(r *Rendition) { r.VideoCodec = "hevc" }, msg: "video codec: want h264, got hevc"},
	{name: "GOP longer than a segment", want: content720, got: func(r *Rendition) { r.GOP = 250 },
		msg: "gop: want a keyframe at least every 180 frames (one segment), got 250"},
	{name: "no keyframe", want: content720, got: func(r *Rendition) { r.GOP = 0 }, msg: "gop: no keyframe found"},
	{name: "audio codec", want: content720, got: func(r *Rendition) { r.AudioCodec = "mp3" }, msg: "audio codec: want aac, got mp3"},
	{name: "audio missing", want: content720, got: func(r *Rendition) { r.AudioCodec = "" }, msg: "audio codec: want aac, got none"},
	{name: "audio profile", want: content720, got: func(r *Rendition) { r.AudioProf = "HE-AAC" }, msg: "audio profile: want LC, got HE-AAC"},
	{name: "sample rate and channels", want: content720, got: func(r *Rendition) { r.SampleRate, r.Channels = 44100, 1 },
		msg: "sample rate: want 48000, got 44100; channels: want 2, got 1"},
	{name: "longer segments", want: content720, got: func(r *Rendition) { r.SegmentDur = 10 }, msg: "segment duration: want at most 6 s, got 10 s"},
	{name: "container", want: content720, got: func(r *Rendition) { r.Container = "fmp4" }, msg: "container: want ts, got fmp4"},
}

func withProfile(p string) Rendition {
	r := content720
	r.Profile = p
	return r
}

func TestMismatch(t *testing.T) {
	for _, c := range mismatchCases {
		t.Run(c.name, func(t *testing.T) {
			got := c.want
			c.got(&got)
			m := c.want.Mismatch(got)
			if c.msg == "" {
				if m != "" {
					t.Fatalf("Mismatch = %q, want none", m)
				}
				return
			}
			for part := range strings.SplitSeq(c.msg, "; ") {
				if !strings.Contains(m, part) {
					t.Errorf("Mismatch = %q, want it to say %q", m, part)
				}
			}
		})
	}
}
