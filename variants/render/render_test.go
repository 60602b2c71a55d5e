package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adstitch/adstitch/manifest"
	"github.com/adstitch/adstitch/variants/probe"
	"github.com/adstitch/adstitch/variants/probe/probetest"
)

func TestRender(t *testing.T) {
	for _, c := range []struct {
		container string
		ext       string
		codecs    []string
	}{
		{"ts", ".ts", []string{"avc1.64001f,mp4a.40.2", "avc1.4d401e,mp4a.40.2"}},
		{"fmp4", ".m4s", []string{"avc1.64001f,mp4a.40.2", "avc1.4d401e,mp4a.40.2"}},
	} {
		t.Run(c.container, func(t *testing.T) {
			spot := testSpot(t)
			card := filepath.Join(t.TempDir(), "card.png")
			writePNG(t, card)
			job := &Job{
				Spot: spot, Ladder: testLadder(c.container), Out: filepath.Join(t.TempDir(), "out"),
				Texts: []Text{{Content: "Hello Madrid!", FontFile: font, Size: 0.08, Color: "white", Box: true,
					X: 0.5, Y: 0.85, Start: 0.5, End: 4}},
				Voice: "Hola Madrid", VoiceLang: "es",
				EndCard: &EndCard{Image: card, Duration: 1.5},
			}
			var dones []float64
			res, err := Render(t.Context(), job, func(d float64) { dones = append(dones, d) })
			if err != nil {
				t.Fatal(err)
			}
			checkProgress(t, dones)
			if res.Duration < 5.9 || res.Duration > 6.1 {
				t.Errorf("duration %v, want 6", res.Duration)
			}
			if res.Bytes < 10_000 {
				t.Errorf("bytes %d", res.Bytes)
			}
			for i, got := range res.Renditions {
				want := job.Ladder.Renditions[i]
				if m := want.Mismatch(got); m != "" {
					t.Errorf("rendition %d: %s", i, m)
				}
				// Equal field by field, not merely stitchable.
				want.URI, want.Bandwidth, want.Codecs = got.URI, got.Bandwidth, got.Codecs
				if got != want {
					t.Errorf("rendition %d:\n got %+v\nwant %+v", i, got, want)
				}
				if got.Codecs != c.codecs[i] {
					t.Errorf("rendition %d codecs %q, want %q", i, got.Codecs, c.codecs[i])
				}
				if wantURI := "r" + string(rune('0'+i)) + "/index.m3u8"; got.URI != wantURI {
					t.Errorf("rendition %d URI %q, want %q", i, got.URI, wantURI)
				}
				if got.Bandwidth <= 0 || got.Bandwidth > 2*job.Ladder.Renditions[i].Bandwidth {
					t.Errorf("rendition %d bandwidth %d for a %d ladder rung", i, got.Bandwidth, job.Ladder.Renditions[i].Bandwidth)
				}
			}
			checkMaster(t, job.Out, res)
			if entries, _ := os.ReadDir(job.Out); len(entries) != 3 {
				t.Errorf("Out holds %v, want master.m3u8, r0 and r1 only", entries)
			}
			segs, _ := filepath.Glob(filepath.Join(job.Out, "r0", "seg_*"+c.ext))
			if len(segs) != 3 {
				t.Errorf("r0 has %d %s segments, want 3: %v", len(segs), c.ext, segs)
			}
			if c.container == "fmp4" {
				if _, err := os.Stat(filepath.Join(job.Out, "r1", "init.mp4")); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

// checkProgress wants fractions that only grow and end at 1.
func checkProgress(t *testing.T, dones []float64) {
	t.Helper()
	if len(dones) == 0 || dones[len(dones)-1] != 1 {
		t.Fatalf("progress %v, want it to end at 1", dones)
	}
	for i := 1; i < len(dones); i++ {
		if dones[i] <= dones[i-1] || dones[i] > 1 {
			t.Fatalf("progress %v goes back or over 1", dones)
		}
	}
}

// checkMaster reads Out/master.m3u8 with the manifest parser and compares
// it with the result.
func checkMaster(t *testing.T, out string, res *Result) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "master.m3u8"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.ParseMaster(data, "http://cdn.example/v/master.m3u8")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Renditions) != len(res.Renditions) {
		t.Fatalf("master has %d variants, want %d:\n%s", len(m.Renditions), len(res.Renditions), data)
	}
	for i, v := range m.Renditions {
		r := res.Renditions[i]
		if v.URI != "http://cdn.example/v/"+r.URI || int(v.Bandwidth) != r.Bandwidth || v.Codecs != r.Codecs ||
			v.Width != r.Width || v.Height != r.Height || v.FrameRate != 30 || v.AvgBW <= 0 || v.AvgBW > v.Bandwidth {
			t.Errorf("master variant %d %+v does not describe %+v", i, v, r)
		}
	}
	if !strings.Contains(string(data), "#EXT-X-INDEPENDENT-SEGMENTS") {
		t.Errorf("master lacks EXT-X-INDEPENDENT-SEGMENTS:\n%s", data)
	}
	t.Logf("%s", data)
}

func writePNG(t *testing.T, path string) {
	t.Helper()
	cmd := commandContext(t.Context(), "ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=red:s=400x300", "-frames:v", "1", path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
}

// TestRenderSilentSpotSplitStreams renders a spot without sound into a
// video-only and an audio-only rendition (content with demuxed audio):
// the voice line is mixed over generated silence.
func TestRenderSilentSpotSplitStreams(t *testing.T) {
	testSpot(t)
	spot := filepath.Join(t.TempDir(), "silent.mp4")
	if err := probetest.WriteSpot(t.Context(), spot, probetest.Clip{Width: 320, Height: 180, FPS: 25, Seconds: 5, NoAudio: true}); err != nil {
		t.Fatal(err)
	}
	l := oneRung()
	video, audio := l.Renditions[0], l.Renditions[0]
	video.AudioCodec, video.AudioProf, video.SampleRate, video.Channels = "", "", 0, 0
	video.FrameRate = "25/1"
	audio.VideoCodec, audio.Profile, audio.Level, audio.Width, audio.Height, audio.FrameRate, audio.PixFmt, audio.GOP = "", "", 0, 0, 0, "", "", 0
	job := &Job{Spot: spot, Ladder: probe.Ladder{Renditions: []probe.Rendition{video, audio}}, Out: t.TempDir(),
		Voice: "Madrid", Preset: "ultrafast"}
	res, err := Render(t.Context(), job, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Renditions[0].Codecs; got != "avc1.4d401e" {
		t.Errorf("video-only codecs %q", got)
	}
	if got := res.Renditions[1].Codecs; got != "mp4a.40.2" {
		t.Errorf("audio-only codecs %q", got)
	}
	if res.Duration < 4.9 || res.Duration > 5.1 {
		t.Errorf("duration %v, want 5", res.Duration)
	}
	data, _ := os.ReadFile(filepath.Join(job.Out, "master.m3u8"))
	t.Logf("%s", data)
}
