package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ErrNoFFmpeg means ffmpeg or ffprobe is not on PATH.
var ErrNoFFmpeg = errors.New("ffmpeg and ffprobe are needed to render the demo media")

// fontFile is drawn with when present; otherwise fontconfig picks a font.
const fontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

// tools holds the resolved ffmpeg and ffprobe binaries.
type tools struct{ ffmpeg, ffprobe string }

func findTools() (tools, error) {
	ffmpeg, err := exec.LookPath("ffmpeg")
	if err != nil {
		return tools{}, fmt.Errorf("%w: %w", ErrNoFFmpeg, err)
	}
	ffprobe, err := exec.LookPath("ffprobe")
	if err != nil {
		return tools{}, fmt.Errorf("%w: %w", ErrNoFFmpeg, err)
	}
	return tools{ffmpeg: ffmpeg, ffprobe: ffprobe}, nil
}

// run executes a tool and returns its stdout; a failure carries the tail
// of stderr, where ffmpeg says what went wrong.
func run(ctx context.Context, dir, bin string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%s: %w: %s", filepath.Base(bin), err, tail(stderr.String(), 600))
	}
	return stdout.Bytes(), nil
}

func tail(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return s
}

// renderClip encodes one clip into every rendition under out/<clip name>/
// with a single ffmpeg run: the picture is drawn once at the top rung's
// size and scaled down, so every rung shows the same frame. drawtext reads
// its text from files in work, ffmpeg's working directory, so that neither
// the text (with its expansions) nor any path needs filtergraph escaping.
func renderClip(ctx context.Context, t tools, work, out string, c clipSpec) error {
	prefix := strings.ReplaceAll(c.name, "/", "_")
	titleFile, clockFile := prefix+".title.txt", prefix+".clock.txt"
	title, clock := clipTexts(c)
	for name, text := range map[string]string{titleFile: title, clockFile: clock} {
		if err := os.WriteFile(filepath.Join(work, name), []byte(text), 0o644); err != nil {
			return fmt.Errorf("write drawtext file: %w", err)
		}
	}

	args := []string{"-hide_banner", "-nostdin", "-loglevel", "error", "-y",
		"-filter_complex", clipGraph(c, titleFile, clockFile)}
	for i, r := range ladder {
		dir := filepath.Join(out, filepath.FromSlash(c.name), r.Name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("create %s: %w", dir, err)
		}
		args = append(args, encodeArgs(c, r, i, dir)...)
	}
	if _, err := run(ctx, work, t.ffmpeg, args...); err != nil {
		return fmt.Errorf("render %s: %w", c.name, err)
	}
	return nil
}

// clipTexts returns what drawtext writes: the title and a clock. The
// content's clock is its own timecode ("VOD 00:00:12"), so a frame grab of
// the live loop tells which VOD second is on screen; cards show seconds
// elapsed, which tells how far into an ad or slate a stitch cut.
func clipTexts(c clipSpec) (title, clock string) {
	if c.pattern {
		return "", c.title + " %{eif:floor(t/3600):d:2}:%{eif:mod(floor(t/60),60):d:2}:%{eif:mod(floor(t),60):d:2}"
	}
	return c.title, "%{eif:floor(t):d}s"
}

// clipGraph returns the filtergraph of a clip. It outputs [v0],[a0],[v1],
// [a1]… one pair per rung.
func clipGraph(c clipSpec, titleFile, clockFile string) string {
	top := ladder[len(ladder)-1]
	secs := strconv.FormatFloat(c.duration.Seconds(), 'f', -1, 64)
	font := ""
	if _, err := os.Stat(fontFile); err == nil {
		font = "fontfile=" + fontFile + ":"
	}

	var g strings.Builder
	if c.pattern {
		fmt.Fprintf(&g, "testsrc2=s=%dx%d:r=%d:d=%s", top.Width, top.Height, top.FrameRate, secs)
		fmt.Fprintf(&g, ",drawtext=%stextfile=%s:fontsize=64:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=14:x=(w-tw)/2:y=h-th-48", font, clockFile)
	} else {
		fmt.Fprintf(&g, "color=c=%s:s=%dx%d:r=%d:d=%s", c.color, top.Width, top.Height, top.FrameRate, secs)
		fmt.Fprintf(&g, ",drawtext=%stextfile=%s:fontsize=80:fontcolor=white:x=(w-tw)/2:y=(h-th)/2", font, titleFile)
		fmt.Fprintf(&g, ",drawtext=%stextfile=%s:fontsize=40:fontcolor=white@0.8:x=w-tw-40:y=h-th-32", font, clockFile)
	}
	fmt.Fprintf(&g, ",format=yuv420p,split=%d", len(ladder))
	for i := range ladder {
		fmt.Fprintf(&g, "[s%d]", i)
	}
	for i, r := range ladder {
		fmt.Fprintf(&g, ";[s%d]scale=%d:%d:flags=bicubic[v%d]", i, r.Width, r.Height, i)
	}

	expr := "0"
	switch {
	case c.toneHz > 0 && c.beep:
		expr = fmt.Sprintf("0.25*sin(2*PI*%d*t)*lt(mod(t,1),0.15)", c.toneHz)
	case c.toneHz > 0:
		expr = fmt.Sprintf("0.1*sin(2*PI*%d*t)", c.toneHz)
	}
	fmt.Fprintf(&g, ";aevalsrc=exprs='%s':s=48000:c=stereo:d=%s,asplit=%d", expr, secs, len(ladder))
	for i := range ladder {
		fmt.Fprintf(&g, "[a%d]", i)
	}
	return g.String()
}

// encodeArgs returns the output options of rung i: x264 tuned for speed
// but kept at High profile (CABAC, 8x8 transform, B-frames) with a fixed
// closed GOP and no scene-cut keyframes, so segments cut exactly at the
// GOP boundaries.
func encodeArgs(c clipSpec, r Rendition, i int, dir string) []string {
	gop := strconv.Itoa(int(c.gop * time.Duration(r.FrameRate) / time.Second))
	kbit := func(bps int) string { return strconv.Itoa(bps/1000) + "k" }
	return []string{
		"-map", fmt.Sprintf("[v%d]", i), "-map", fmt.Sprintf("[a%d]", i),
		"-c:v", "libx264", "-preset", "ultrafast", "-profile:v", "high", "-level:v", r.Level,
		"-pix_fmt", "yuv420p", "-r", strconv.Itoa(r.FrameRate),
		"-b:v", kbit(r.VideoBitrate), "-maxrate", kbit(r.VideoBitrate * 11 / 10), "-bufsize", kbit(r.VideoBitrate * 2),
		"-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
		"-x264-params", "cabac=1:8x8dct=1:bframes=2:scenecut=0:open-gop=0:keyint=" + gop + ":min-keyint=" + gop,
		"-c:a", "aac", "-b:a", kbit(r.AudioBitrate), "-ar", "48000", "-ac", "2",
		"-f", "hls", "-hls_time", strconv.FormatFloat(c.segment.Seconds(), 'f', -1, 64),
		"-hls_playlist_type", "vod", "-hls_segment_type", "mpegts", "-hls_flags", "independent_segments",
		"-hls_segment_filename", filepath.Join(dir, "seg_%05d.ts"),
		filepath.Join(dir, "index.m3u8"),
	}
}
