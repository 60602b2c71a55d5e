package demoorigin

import (
	"context"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/variants/demo"
)

// TestLiveWithRealMedia serves the real demo media (rendered once per
// machine into demo.TestDir) and has ffprobe and ffmpeg read the live
// stream over HTTP, across the loop restart.
func TestLiveWithRealMedia(t *testing.T) {
	for _, bin := range []string{"ffmpeg", "ffprobe"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Skipf("%s is not on PATH (apt-get install ffmpeg): %v", bin, err)
		}
	}
	a, err := demo.Prepare(t.Context(), demo.TestDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Segments 37..46 are listed; a live reader starts three from the end,
	// at 44, and meets the loop restart (and its discontinuity) at 45.
	o := New(a.Dir, Options{Now: func() time.Time { return at(47, time.Second) }})
	if o.startPTS != a.Content.StartPTS {
		t.Errorf("origin uses start PTS %d, media has %d", o.startPTS, a.Content.StartPTS)
	}
	base := "http://" + serve(t, o) + "/origin/live/"
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()

	for _, d := range dialects {
		url := base + "360p.m3u8?cue=" + d.String()
		out, err := exec.CommandContext(ctx, "ffprobe", "-v", "error", "-of", "json",
			"-show_entries", "stream=codec_name,width,height,sample_rate", url).CombinedOutput()
		if err != nil {
			t.Fatalf("ffprobe %s: %v\n%s", url, err, out)
		}
		var doc struct {
			Streams []struct {
				CodecName  string `json:"codec_name"`
				Width      int    `json:"width"`
				Height     int    `json:"height"`
				SampleRate string `json:"sample_rate"`
			} `json:"streams"`
		}
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatalf("ffprobe %s: %v\n%s", url, err, out)
		}
		var got []string
		for _, s := range doc.Streams {
			got = append(got, s.CodecName)
			if s.CodecName == "h264" && (s.Width != 640 || s.Height != 360) {
				t.Errorf("%s: video %dx%d", url, s.Width, s.Height)
			}
			if s.CodecName == "aac" && s.SampleRate != "48000" {
				t.Errorf("%s: audio at %s Hz", url, s.SampleRate)
			}
		}
		if strings.Join(got, ",") != "h264,aac" {
			t.Errorf("%s: streams %v, want h264 and aac", url, got)
		}
	}

	// Decode 10 s from the live master: segments 44 and 45 and into 46,
	// through the discontinuity.
	url := base + "master.m3u8?cue=daterange"
	out, err := exec.CommandContext(ctx, "ffmpeg", "-hide_banner", "-nostdin", "-v", "error",
		"-i", url, "-map", "0:p:0", "-t", "10", "-f", "null", "-").CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg decoding %s: %v\n%s", url, err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		// At the loop restart the audio of segment 14 (AAC frames run a few
		// ms past the 60 s of video) overlaps the restarted audio once the
		// ffmpeg CLI has shifted timestamps across the discontinuity; its
		// null muxer reports that. Players reset at the discontinuity.
		if line != "" && !strings.Contains(line, "non monotonically increasing dts") {
			t.Errorf("ffmpeg decoding %s: %s", url, line)
		}
	}
}
