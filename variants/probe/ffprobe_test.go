package probe

import (
	"testing"
)

// probeCases drive TestParseProbe and seed FuzzParseProbe: ffprobe JSON as
// ffprobe 5.1 writes it (trimmed to the entries we ask for).
var probeCases = []struct {
	name string
	json string
	spot Spot      // what spotFromDoc makes of it (Size 0)
	rend Rendition // what renditionFromDoc makes of it
	fail bool      // parseProbe or renditionFromDoc fails
	desc string
}{
	{
		name: "mp4 spot",
		json: `{"programs":[],"streams":[{"index":0,"codec_name":"h264","profile":"Constrained Baseline","codec_type":"video","width":320,"height":180,"pix_fmt":"yuv420p","level":13,"r_frame_rate":"30/1","duration":"6.000000","disposition":{"attached_pic":0}},{"index":1,"codec_name":"aac","profile":"LC","codec_type":"audio","sample_rate":"48000","channels":2,"r_frame_rate":"0/0","duration":"6.016000","disposition":{"attached_pic":0}}],"format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"6.016000"}}`,
		spot: Spot{Duration: 6.016, Format: "mov,mp4,m4a,3gp,3g2,mj2",
			Video: VideoStream{Codec: "h264", Width: 320, Height: 180, FrameRate: "30/1", PixFmt: "yuv420p"},
			Audio: AudioStream{Codec: "aac", SampleRate: 48000, Channels: 2}},
		rend: Rendition{VideoCodec: "h264", Profile: "Constrained Baseline", Level: 13, Width: 320, Height: 180, FrameRate: "30/1",
			PixFmt: "yuv420p", AudioCodec: "aac", AudioProf: "LC", SampleRate: 48000, Channels: 2, Container: "fmp4"},
		desc: "1 video stream (h264 320x180) and 1 audio stream (aac 48000 Hz stereo)",
	},
	{
		name: "ts segments with packets",
		json: `{"packets":[{"stream_index":0,"flags":"K_"},{"stream_index":1,"flags":"K_"},{"stream_index":0,"flags":"__"},{"stream_index":0,"flags":"__"},{"stream_index":0,"flags":"K_"},{"stream_index":0,"flags":"__"}],"streams":[{"index":0,"codec_name":"h264","profile":"High","codec_type":"video","width":640,"height":360,"pix_fmt":"yuv420p","level":31,"r_frame_rate":"30/1","disposition":{"attached_pic":0}},{"index":1,"codec_name":"aac","profile":"LC","codec_type":"audio","sample_rate":"44100","channels":1,"r_frame_rate":"0/0","disposition":{"attached_pic":0}}],"format":{"format_name":"mpegts","duration":"4.000000"}}`,
		spot: Spot{Duration: 4, Format: "mpegts",
			Video: VideoStream{Codec: "h264", Width: 640, Height: 360, FrameRate: "30/1", PixFmt: "yuv420p"},
			Audio: AudioStream{Codec: "aac", SampleRate: 44100, Channels: 1}},
		rend: Rendition{VideoCodec: "h264", Profile: "High", Level: 31, Width: 640, Height: 360, FrameRate: "30/1", PixFmt: "yuv420p", GOP: 3,
			AudioCodec: "aac", AudioProf: "LC", SampleRate: 44100, Channels: 1, Container: "ts"},
		desc: "1 video stream (h264 640x360) and 1 audio stream (aac 44100 Hz mono)",
	},
	{
		name: "one keyframe: GOP at least the rest",
		json: `{"packets":[{"stream_index":0,"flags":"__"},{"stream_index":0,"flags":"K_"},{"stream_index":0,"flags":"__"}],"streams":[{"index":0,"codec_type":"video","codec_name":"h264"}],"format":{"format_name":"mpegts"}}`,
		spot: Spot{Format: "mpegts", Video: VideoStream{Codec: "h264"}},
		rend: Rendition{VideoCodec: "h264", GOP: 2, Container: "ts"},
		desc: "1 video stream (h264 0x0)",
	},
	{
		name: "audio with cover art",
		json: `{"streams":[{"index":0,"codec_name":"mp3","codec_type":"audio","sample_rate":"44100","channels":2,"duration":"30.1"},{"index":1,"codec_name":"mjpeg","codec_type":"video","width":500,"height":500,"disposition":{"attached_pic":1}}],"format":{"format_name":"mp3","duration":"N/A"}}`,
		spot: Spot{Duration: 30.1, Format: "mp3", Audio: AudioStream{Codec: "mp3", SampleRate: 44100, Channels: 2}},
		rend: Rendition{AudioCodec: "mp3", SampleRate: 44100, Channels: 2, Container: "mp3"},
		desc: "1 audio stream (mp3 44100 Hz stereo) and a cover image (mjpeg)",
	},
	{name: "subtitles only", json: `{"streams":[{"index":0,"codec_type":"subtitle","codec_name":"subrip"}],"format":{"format_name":"srt"}}`,
		spot: Spot{Format: "srt"}, fail: true, desc: "1 subtitle stream"},
	{name: "empty object", json: `{}`, fail: true, desc: "no audio or video stream"},
	{name: "not JSON", json: `Invalid data found when processing input`, fail: true},
	{name: "wrong types", json: `{"streams":[{"index":"0","width":"wide"}]}`, fail: true},
}

func TestParseProbe(t *testing.T) {
	for _, c := range probeCases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := parseProbe([]byte(c.json))
			if err != nil {
				if !c.fail {
					t.Fatal(err)
				}
				return
			}
			if got := *spotFromDoc(doc, 0); got != c.spot {
				t.Errorf("spot:\n got %+v\nwant %+v", got, c.spot)
			}
			if got := doc.describe(); got != c.desc {
				t.Errorf("describe = %q, want %q", got, c.desc)
			}
			r, err := renditionFromDoc(doc)
			if (err != nil) != c.fail {
				t.Fatalf("renditionFromDoc err = %v, want failure %v", err, c.fail)
			}
			if r != c.rend {
				t.Errorf("rendition:\n got %+v\nwant %+v", r, c.rend)
			}
		})
	}
}

func FuzzParseProbe(f *testing.F) {
	for _, c := range probeCases {
		f.Add([]byte(c.json))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := parseProbe(data)
		if err != nil {
			return
		}
		s := spotFromDoc(doc, int64(len(data)))
		if s.Duration < 0 {
			t.Fatalf("negative duration %v", s.Duration)
		}
		doc.describe()
		r, err := renditionFromDoc(doc)
		if err == nil && r.GOP < 0 {
			t.Fatalf("negative GOP %d", r.GOP)
		}
	})
}
