package render

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/variants/probe"
)

// TestRenderTimeout gives a render far too little time: ffmpeg is killed
// and the error says so.
func TestRenderTimeout(t *testing.T) {
	spot := testSpot(t)
	// placebo is x264's slowest preset: this render takes many seconds.
	job := &Job{Spot: spot, Ladder: testLadder("ts"), Out: t.TempDir(), Preset: "placebo"}
	const deadline = 2 * time.Second
	ctx, cancel := context.WithTimeout(t.Context(), deadline)
	defer cancel()
	start := time.Now()
	_, err := Render(ctx, job, nil)
	took := time.Since(start)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "timed out after") {
		t.Fatalf("err = %v, want a time-out", err)
	}
	if took > deadline+3*time.Second {
		t.Errorf("Render returned %v after its deadline", took-deadline)
	}
	t.Logf("%v (returned after %v)", err, took.Round(time.Millisecond))
}

func TestRenderBadFont(t *testing.T) {
	spot := testSpot(t)
	notAFont := filepath.Join(t.TempDir(), "font.ttf")
	if err := os.WriteFile(notAFont, []byte("not a font"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, font string
		invalid    bool
		msg        string
	}{
		{"missing", "/nonexistent/fonts/Brand.ttf", true, "text 0: invalid render job: font: stat /nonexistent/fonts/Brand.ttf: no such file or directory"},
		{"not a font", notAFont, true, "font.ttf is not a TrueType or OpenType file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			job := &Job{Spot: spot, Ladder: oneRung(), Out: t.TempDir(), Preset: "ultrafast",
				Texts: []Text{{Content: "Madrid", FontFile: c.font, Size: 0.1}}}
			_, err := Render(t.Context(), job, nil)
			if err == nil || errors.Is(err, ErrInvalidJob) != c.invalid || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("err = %v, want one mentioning %q (invalid job: %v)", err, c.msg, c.invalid)
			}
			t.Log(err)
		})
	}
}

// TestVerifyRefusesMismatch renders a rendition and then checks it
// against a ladder it does not match.
func TestVerifyRefusesMismatch(t *testing.T) {
	spot := testSpot(t)
	job := &Job{Spot: spot, Ladder: oneRung(), Out: t.TempDir(), Preset: "ultrafast"}
	if _, err := Render(t.Context(), job, nil); err != nil {
		t.Fatal(err)
	}
	other := *job
	other.Ladder = oneRung()
	other.Ladder.Renditions[0].Profile = "High"
	other.Ladder.Renditions[0].SampleRate = 48000
	_, _, err := verify(t.Context(), newRungs(&other))
	if !errors.Is(err, ErrMismatch) {
		t.Fatalf("err = %v, want ErrMismatch", err)
	}
	for _, part := range []string{"r0 (320x180 High)", "profile: want High, got Main", "sample rate: want 48000, got 44100"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("err = %q, want it to say %q", err, part)
		}
	}
}

func TestValidate(t *testing.T) {
	spot := testSpot(t)
	good := func() *Job {
		return &Job{Spot: spot, Ladder: testLadder("ts"), Out: t.TempDir(),
			Texts:   []Text{{Content: "x", FontFile: font, Size: 0.1, X: 1, Y: 0, Start: 1, End: 2}},
			EndCard: &EndCard{Image: spot, Duration: 2}, Voice: "hi", VoiceLang: "en-us"}
	}
	r0 := func(f func(r *probe.Rendition)) func(j *Job) { return func(j *Job) { f(&j.Ladder.Renditions[0]) } }
	cases := []struct {
		name string
		edit func(j *Job)
		msg  string // "" = valid
	}{
		{"good", func(j *Job) {}, ""},
		{"audio-only rendition", r0(func(r *probe.Rendition) { r.VideoCodec = "" }), ""},
		{"video-only rendition", r0(func(r *probe.Rendition) { r.AudioCodec = "" }), ""},
		{"no spot", func(j *Job) { j.Spot = "" }, "no spot"},
		{"spot is a directory", func(j *Job) { j.Spot = t.TempDir() }, "is not a regular file"},
		{"no out", func(j *Job) { j.Out = "" }, "no output directory"},
		{"percent in out", func(j *Job) { j.Out = "/tmp/a%03db" }, "segment number pattern"},
		{"empty ladder", func(j *Job) { j.Ladder.Renditions = nil }, "empty ladder"},
		{"hevc", r0(func(r *probe.Rendition) { r.VideoCodec = "hevc" }), "rendition 0: invalid render job: video codec \"hevc\""},
		{"HE-AAC", r0(func(r *probe.Rendition) { r.AudioProf = "HE-AAC" }), "audio profile \"HE-AAC\""},
		{"nothing", r0(func(r *probe.Rendition) { r.VideoCodec, r.AudioCodec = "", "" }), "neither video nor audio"},
		{"odd size", r0(func(r *probe.Rendition) { r.Width = 641 }), "size 641x360"},
		{"profile", r0(func(r *probe.Rendition) { r.Profile = "High 4:4:4" }), "profile \"High 4:4:4\""},
		{"frame rate", r0(func(r *probe.Rendition) { r.FrameRate = "0/0" }), "frame rate \"0/0\""},
		{"10 bit", r0(func(r *probe.Rendition) { r.PixFmt = "yuv420p10le" }), "pix_fmt"},
		{"container", r0(func(r *probe.Rendition) { r.Container = "webm" }), "container \"webm\""},
		{"segment", r0(func(r *probe.Rendition) { r.SegmentDur = 0 }), "segment duration 0"},
		{"channels", r0(func(r *probe.Rendition) { r.Channels = 0 }), "0 channels"},
		{"text size", func(j *Job) { j.Texts[0].Size = 2 }, "text 0: invalid render job: size 2"},
		{"text position", func(j *Job) { j.Texts[0].X = -0.1 }, "position -0.1,0"},
		{"text window", func(j *Job) { j.Texts[0].End = 0.5 }, "time window 1..0.5"},
		{"no font", func(j *Job) { j.Texts[0].FontFile = "" }, "no font file"},
		{"voice option", func(j *Job) { j.VoiceLang = "-w/etc/passwd" }, "voice language"},
		{"preset", func(j *Job) { j.Preset = "fast;rm" }, "x264 preset"},
		{"end card missing", func(j *Job) { j.EndCard.Image = "/nope.png" }, "end card: stat /nope.png"},
		{"end card duration", func(j *Job) { j.EndCard.Duration = 0 }, "end card duration 0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			j := good()
			c.edit(j)
			err := validate(j)
			if c.msg == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidJob) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("err = %v, want ErrInvalidJob saying %q", err, c.msg)
			}
		})
	}
	if _, err := Render(t.Context(), nil, nil); !errors.Is(err, ErrInvalidJob) {
		t.Errorf("nil job: err = %v", err)
	}
}
