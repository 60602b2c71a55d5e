package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/adstitch/adstitch/variants/probe"
	"github.com/adstitch/adstitch/variants/probe/probetest"
	"github.com/adstitch/adstitch/variants/render"
)

// Bench inputs, shared by the job and the hand-written command.
const (
	fontFile  = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
	cityText  = "Hello Madrid!"
	voiceLine = "Hello Madrid! Fresh bread every morning, two streets from you."
	voiceLang = "en"
)

// setup makes the spot and a content ladder in dir and returns the render
// job (without Out) and the ladder as probed.
func setup(ctx context.Context, dir string) (*render.Job, error) {
	if err := probetest.Missing("ffmpeg", "ffprobe", "espeak-ng"); err != nil {
		return nil, err
	}
	if _, err := os.Stat(fontFile); err != nil {
		return nil, fmt.Errorf("font (apt-get install fonts-dejavu-core): %w", err)
	}
	spot := filepath.Join(dir, "spot.mp4")
	if err := probetest.WriteSpot(ctx, spot, probetest.Clip{Width: 1920, Height: 1080, FPS: 30, Seconds: 15}); err != nil {
		return nil, fmt.Errorf("make spot: %w", err)
	}
	master, err := probetest.WriteHLS(ctx, filepath.Join(dir, "content"), probetest.Ladder{
		Clip: probetest.Clip{Width: 1920, Height: 1080, FPS: 30, Seconds: 12},
		Rungs: []probetest.Rung{
			{Width: 1920, Height: 1080, Profile: "high", Level: "4.0", Kbps: 5000},
			{Width: 1280, Height: 720, Profile: "high", Level: "3.1", Kbps: 3000},
			{Width: 640, Height: 360, Profile: "main", Level: "3.0", Kbps: 800},
		},
		GOP: 60, SegmentSec: 6,
	})
	if err != nil {
		return nil, fmt.Errorf("make content ladder: %w", err)
	}
	ladder, err := probe.ProbeLadder(ctx, master)
	if err != nil {
		return nil, fmt.Errorf("probe content ladder: %w", err)
	}
	return &render.Job{
		Spot:   spot,
		Ladder: ladder,
		Texts: []render.Text{{Content: cityText, FontFile: fontFile, Size: 0.08, Color: "white",
			Box: true, BoxColor: "black@0.5", X: 0.5, Y: 0.85, Start: 1, End: 10}},
		Voice:     voiceLine,
		VoiceLang: voiceLang,
	}, nil
}

// prepareHand writes what the hand-written command reads besides the
// spot: the text layer and the voice line (synthesized once, untimed).
func prepareHand(ctx context.Context, dir string) error {
	if err := os.WriteFile(filepath.Join(dir, "text0.txt"), []byte(cityText), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "voice.txt"), []byte(voiceLine), 0o644); err != nil {
		return err
	}
	out, err := exec.CommandContext(ctx, "espeak-ng", "-v", voiceLang, "-w", filepath.Join(dir, "voice.wav"),
		"-f", filepath.Join(dir, "voice.txt")).CombinedOutput()
	if err != nil {
		return fmt.Errorf("espeak-ng: %w: %s", err, out)
	}
	return nil
}
