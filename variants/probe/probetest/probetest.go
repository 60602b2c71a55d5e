// Package probetest makes synthetic media with ffmpeg's lavfi sources for
// the tests of variants/probe and variants/render and for renderbench: an
// MP4 spot, and an HLS ladder shaped like a content stream. It owns only
// the files it is asked to write.
package probetest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Clip is what the synthetic picture and sound look like.
type Clip struct {
	Width, Height int
	FPS           int
	Seconds       float64
	SampleRate    int  // 0 = 48000
	Channels      int  // 0 = 2
	NoVideo       bool // audio only
	NoAudio       bool // video only
}

func (c Clip) audio() (rate, channels string) {
	r, ch := c.SampleRate, c.Channels
	if r == 0 {
		r = 48000
	}
	if ch == 0 {
		ch = 2
	}
	return strconv.Itoa(r), strconv.Itoa(ch)
}

// inputs returns the lavfi inputs of c: a moving test pattern and a tone.
func (c Clip) inputs() []string {
	d := strconv.FormatFloat(c.Seconds, 'f', -1, 64)
	var args []string
	if !c.NoVideo {
		args = append(args, "-f", "lavfi", "-i",
			fmt.Sprintf("testsrc2=s=%dx%d:r=%d:d=%s", c.Width, c.Height, c.FPS, d))
	}
	if !c.NoAudio {
		rate, _ := c.audio()
		args = append(args, "-f", "lavfi", "-i", "sine=f=440:sample_rate="+rate+":d="+d)
	}
	return args
}

// WriteSpot encodes c into an MP4 (H.264 + AAC, or M4A when NoVideo) at
// path. faststart puts the index first, as uploads usually have it.
func WriteSpot(ctx context.Context, path string, c Clip) error {
	args := append([]string{"-hide_banner", "-nostdin", "-v", "error", "-y"}, c.inputs()...)
	if !c.NoVideo {
		args = append(args, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p")
	}
	if !c.NoAudio {
		_, ch := c.audio()
		args = append(args, "-c:a", "aac", "-ac", ch)
	}
	args = append(args, "-movflags", "+faststart", path)
	return ffmpeg(ctx, args)
}

// Rung is one rendition of a synthetic HLS ladder.
type Rung struct {
	Width, Height int
	Profile       string // x264 profile: high, main, baseline
	Level         string // "3.1"
	Kbps          int    // video bitrate
}

// Ladder describes a synthetic content stream: c encoded into every rung
// with a fixed GOP and segment length.
type Ladder struct {
	Clip
	Rungs      []Rung
	GOP        int // frames
	SegmentSec int
	FMP4       bool
	SingleFile bool // one media file per rendition, segments as byte ranges
}

// WriteHLS encodes l with one ffmpeg run into dir/v0/index.m3u8 … and
// writes dir/master.m3u8 (BANDWIDTH from Kbps, CODECS as a packager would
// write them), whose path it returns.
func WriteHLS(ctx context.Context, dir string, l Ladder) (string, error) {
	n := len(l.Rungs)
	graph := fmt.Sprintf("[0:v]split=%d", n)
	for i := range l.Rungs {
		graph += fmt.Sprintf("[s%d]", i)
	}
	for i, r := range l.Rungs {
		graph += fmt.Sprintf(";[s%d]scale=%d:%d,format=yuv420p[v%d]", i, r.Width, r.Height, i)
	}
	args := append([]string{"-hide_banner", "-nostdin", "-v", "error", "-y"}, l.inputs()...)
	args = append(args, "-filter_complex", graph)
	gop := strconv.Itoa(l.GOP)
	segType, ext := "mpegts", "ts"
	if l.FMP4 {
		segType, ext = "fmp4", "m4s"
	}
	var master strings.Builder
	master.WriteString("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n")
	rate, ch := l.audio()
	for i, r := range l.Rungs {
		sub := filepath.Join(dir, "v"+strconv.Itoa(i))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return "", err
		}
		params := "scenecut=0:open-gop=0:keyint=" + gop + ":min-keyint=" + gop
		switch r.Profile {
		case "high":
			params += ":cabac=1:8x8dct=1"
		case "main":
			params += ":cabac=1"
		}
		kbps := strconv.Itoa(r.Kbps) + "k"
		flags, segName := "independent_segments", "seg_%03d."+ext
		if l.SingleFile {
			flags, segName = "independent_segments+single_file", "media."+ext
		}
		args = append(args, "-map", fmt.Sprintf("[v%d]", i), "-map", "1:a",
			"-c:v", "libx264", "-preset", "ultrafast", "-profile:v", r.Profile, "-level:v", r.Level,
			"-b:v", kbps, "-maxrate", kbps, "-bufsize", kbps, "-x264-params", params,
			"-c:a", "aac", "-ar", rate, "-ac", ch,
			"-f", "hls", "-hls_time", strconv.Itoa(l.SegmentSec), "-hls_playlist_type", "vod",
			"-hls_segment_type", segType, "-hls_fmp4_init_filename", "init.mp4", "-hls_flags", flags,
			"-hls_segment_filename", filepath.Join(sub, segName), filepath.Join(sub, "index.m3u8"))
		fmt.Fprintf(&master, "#EXT-X-STREAM-INF:BANDWIDTH=%d,RESOLUTION=%dx%d,CODECS=\"%s,mp4a.40.2\"\nv%d/index.m3u8\n",
			(r.Kbps+160)*1000, r.Width, r.Height, codecsOf(r), i)
	}
	if err := ffmpeg(ctx, args); err != nil {
		return "", err
	}
	path := filepath.Join(dir, "master.m3u8")
	return path, os.WriteFile(path, []byte(master.String()), 0o644)
}

// codecsOf is the avc1 string a packager writes for a rung.
func codecsOf(r Rung) string {
	profile := map[string]string{"high": "6400", "main": "4d40", "baseline": "42c0"}[r.Profile]
	major, minor, _ := strings.Cut(r.Level, ".")
	a, _ := strconv.Atoi(major)
	b, _ := strconv.Atoi(minor)
	return fmt.Sprintf("avc1.%s%02x", profile, a*10+b)
}

func ffmpeg(ctx context.Context, args []string) error {
	cmd := exec.CommandContext(ctx, "ffmpeg", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("ffmpeg: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// Missing returns an error naming the first of tools that is not on
// PATH, for a test to skip with; nil when all are installed.
func Missing(tools ...string) error {
	for _, bin := range tools {
		if _, err := exec.LookPath(bin); err != nil {
			return fmt.Errorf("%s is not on PATH (apt-get install ffmpeg espeak-ng): %w", bin, err)
		}
	}
	return nil
}
