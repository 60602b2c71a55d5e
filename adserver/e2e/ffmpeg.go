package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"testing"
	"time"
)

// DecodeResult is what ffmpeg made of a stream.
//
// ffmpeg ignores EXT-X-DISCONTINUITY and splices timestamps itself, so it
// proves that every segment decodes, not that the playlist is right: use
// PlayHLSJS for the fragment and discontinuity sequence.
type DecodeResult struct {
	Duration float64  // seconds of output timeline, from -progress out_time_us
	Frames   int      // video frames decoded, from -progress frame
	Errors   []string // error, fatal and panic lines of the input side (protocol, demuxer, decoder) and a non-zero exit
	Warnings []string // warning lines, plus the null muxer's timestamp complaints at splices
	TimedOut bool     // ffmpeg was stopped by the timeout (expected for live streams)
	Stderr   string
}

// FFmpegDecode decodes every stream of url with
// `ffmpeg -hide_banner -nostdin -i URL -map 0 -f null -`, reading its
// -progress output, and stops it after timeout. It skips tb when ffmpeg is
// missing, unless ADSTITCH_REQUIRE_PLAYER is set.
func FFmpegDecode(tb testing.TB, url string, timeout time.Duration) *DecodeResult {
	tb.Helper()
	ffmpeg := findFFmpeg(tb)
	ctx, cancel := context.WithTimeout(tb.Context(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, ffmpeg,
		"-hide_banner", "-nostdin", "-nostats",
		"-loglevel", "repeat+level+warning",
		"-progress", "pipe:1",
		"-i", url, "-map", "0", "-f", "null", "-")
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	runErr := cmd.Run()

	p := parseProgress(stdout.Bytes())
	res := &DecodeResult{
		Duration: float64(p.outTimeUS) / 1e6,
		Frames:   p.frames,
		TimedOut: errors.Is(ctx.Err(), context.DeadlineExceeded),
		Stderr:   stderr.String(),
	}
	res.Errors, res.Warnings = splitLog(stderr.Bytes())
	var exitErr *exec.ExitError
	switch {
	case runErr == nil, res.TimedOut:
	case errors.As(runErr, &exitErr):
		res.Errors = append(res.Errors, fmt.Sprintf("ffmpeg %s", exitErr))
	default:
		tb.Fatalf("run ffmpeg %s: %v", url, runErr)
	}
	tb.Logf("ffmpeg %s: %.3fs, %d frames, %d errors, %d warnings, timed out %t (%.1fs wall)",
		url, res.Duration, res.Frames, len(res.Errors), len(res.Warnings), res.TimedOut, time.Since(start).Seconds())
	return res
}
