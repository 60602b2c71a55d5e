// Package e2e holds adstitch's end-to-end tests and the real-player harness
// they use: PlayHLSJS plays a stream with hls.js in headless Chromium
// (web/player/play.mjs) and reports exactly what the player did, fragment
// by fragment; FFmpegDecode decodes a stream with ffmpeg. Prerequisites that
// are not installed skip the test, or fail it when ADSTITCH_REQUIRE_PLAYER
// is set. The package owns no product code and nothing imports it.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// PlayOptions tunes one PlayHLSJS run. Zero values take the mode's default.
type PlayOptions struct {
	Mode    string  // "vod" (default): play until 'ended'; "live": play for Seconds
	Seconds int     // wall limit: vod default 180, live default 60
	Rate    float64 // video.playbackRate: vod default 4, live default 1
}

// harnessGrace bounds browser start-up and shutdown on top of the play time.
const harnessGrace = 60 * time.Second

func (o PlayOptions) withDefaults() (PlayOptions, error) {
	if o.Mode == "" {
		o.Mode = "vod"
	}
	var seconds int
	var rate float64
	switch o.Mode {
	case "vod":
		seconds, rate = 180, 4
	case "live":
		seconds, rate = 60, 1
	default:
		return o, fmt.Errorf("mode %q: want vod or live", o.Mode)
	}
	if o.Seconds < 0 || o.Rate < 0 || o.Rate > 16 {
		return o, fmt.Errorf("seconds %d, rate %g: want seconds >= 0 and 0 <= rate <= 16", o.Seconds, o.Rate)
	}
	if o.Seconds == 0 {
		o.Seconds = seconds
	}
	if o.Rate == 0 {
		o.Rate = rate
	}
	return o, nil
}

func (o PlayOptions) args(out string) []string {
	return []string{
		"--mode", o.Mode,
		"--seconds", strconv.Itoa(o.Seconds),
		"--rate", strconv.FormatFloat(o.Rate, 'g', -1, 64),
		"--out", out,
	}
}

// PlayHLSJS plays url with hls.js in headless Chromium through
// web/player/play.mjs (found from the module root) and returns what the
// player did. The page is served from another port than url, so the stream
// must answer with CORS headers as it would for a real web player.
//
// It skips tb when node, Chromium or web/node_modules are missing, unless
// ADSTITCH_REQUIRE_PLAYER is set, and fails tb when the harness itself
// breaks. Playback failures are not test failures here: they are in the
// result for the caller to judge.
func PlayHLSJS(tb testing.TB, url string, opts PlayOptions) *PlayResult {
	tb.Helper()
	opts, err := opts.withDefaults()
	if err != nil {
		tb.Fatalf("PlayHLSJS %s: %v", url, err)
	}
	env := findPlayerEnv(tb)
	out := filepath.Join(tb.TempDir(), "play.json")

	ctx, cancel := context.WithTimeout(tb.Context(), time.Duration(opts.Seconds)*time.Second+harnessGrace)
	defer cancel()
	cmd := exec.CommandContext(ctx, env.node, append([]string{env.script, url}, opts.args(out)...)...)
	cmd.Dir = env.webDir
	var logs bytes.Buffer
	cmd.Stdout = &logs
	cmd.Stderr = &logs
	killProcessGroup(cmd)
	start := time.Now()
	if err := cmd.Run(); err != nil {
		tb.Fatalf("player harness %s: %v (context: %v)\n%s", url, err, ctx.Err(), logs.Bytes())
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		tb.Fatalf("player harness %s: read report: %v\n%s", url, err, logs.Bytes())
	}
	res, err := decodePlayResult(raw)
	if err != nil {
		tb.Fatalf("player harness %s: %v", url, err)
	}
	tb.Logf("hls.js %s %s: stop=%s ended=%t fatal=%q final=%.2fs sn=%v cc=%v errors=%v (%.1fs wall)",
		opts.Mode, url, res.Stop, res.Ended, res.Fatal, res.FinalTime,
		res.SNs(), res.Discontinuities(), res.ErrorDetails(), time.Since(start).Seconds())
	return res
}
