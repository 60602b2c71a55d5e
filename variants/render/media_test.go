package render

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/adstitch/adstitch/variants/probe"
	"github.com/adstitch/adstitch/variants/probe/probetest"
)

const font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

var mediaDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "adstitch-render-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	mediaDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var (
	spotOnce sync.Once
	spotPath string
	spotErr  error
)

// testSpot is a 6 s 640x360 30 fps spot with stereo sound, made once.
func testSpot(t testing.TB) string {
	t.Helper()
	if err := probetest.Missing("ffmpeg", "ffprobe", "espeak-ng"); err != nil {
		t.Skip(err)
	}
	spotOnce.Do(func() {
		spotPath = filepath.Join(mediaDir, "spot.mp4")
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		spotErr = probetest.WriteSpot(ctx, spotPath, probetest.Clip{Width: 640, Height: 360, FPS: 30, Seconds: 6})
	})
	if spotErr != nil {
		t.Fatal(spotErr)
	}
	return spotPath
}

// testLadder is a two-rendition ladder as ProbeLadder reports content:
// 1 s GOP, 2 s segments, the lower rung with other audio.
func testLadder(container string) probe.Ladder {
	return probe.Ladder{Renditions: []probe.Rendition{
		{URI: "https://origin.example/hi.m3u8", Bandwidth: 1_200_000, Codecs: "avc1.64001f,mp4a.40.2",
			VideoCodec: "h264", Profile: "High", Level: 31, Width: 640, Height: 360, FrameRate: "30/1", PixFmt: "yuv420p", GOP: 30,
			AudioCodec: "aac", AudioProf: "LC", SampleRate: 48000, Channels: 2, SegmentDur: 2, Container: container},
		{URI: "https://origin.example/lo.m3u8", Bandwidth: 400_000, Codecs: "avc1.4d401e,mp4a.40.2",
			VideoCodec: "h264", Profile: "Main", Level: 30, Width: 320, Height: 180, FrameRate: "30/1", PixFmt: "yuv420p", GOP: 30,
			AudioCodec: "aac", AudioProf: "LC", SampleRate: 44100, Channels: 1, SegmentDur: 2, Container: container},
	}}
}

// oneRung is a single small rendition for tests about the picture.
func oneRung() probe.Ladder {
	l := testLadder("ts")
	l.Renditions = l.Renditions[1:]
	return l
}
