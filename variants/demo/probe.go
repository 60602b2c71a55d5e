package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// streamInfo is what ffprobe reports about the streams of a segment.
type streamInfo struct {
	CodecType  string `json:"codec_type"`
	CodecName  string `json:"codec_name"`
	Profile    string `json:"profile"`
	Width      int    `json:"width"`
	Height     int    `json:"height"`
	PixFmt     string `json:"pix_fmt"`
	RFrameRate string `json:"r_frame_rate"`
	SampleRate string `json:"sample_rate"`
	Channels   int    `json:"channels"`
	StartPTS   int64  `json:"start_pts"`
}

// probeStreams runs ffprobe on one file and returns its video and audio
// stream.
func probeStreams(ctx context.Context, t tools, path string) (video, audio streamInfo, err error) {
	out, err := run(ctx, "", t.ffprobe, "-v", "error", "-of", "json",
		"-show_entries", "stream=codec_type,codec_name,profile,width,height,pix_fmt,r_frame_rate,sample_rate,channels,start_pts",
		path)
	if err != nil {
		return video, audio, fmt.Errorf("probe %s: %w", path, err)
	}
	var doc struct {
		Streams []streamInfo `json:"streams"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		return video, audio, fmt.Errorf("probe %s: decode ffprobe output: %w", path, err)
	}
	var nv, na int
	for _, s := range doc.Streams {
		switch s.CodecType {
		case "video":
			video, nv = s, nv+1
		case "audio":
			audio, na = s, na+1
		}
	}
	if nv != 1 || na != 1 {
		return video, audio, fmt.Errorf("probe %s: want 1 video and 1 audio stream, got %d and %d", path, nv, na)
	}
	return video, audio, nil
}

// checkStreams verifies that a segment holds what the ladder promises, so
// that a different ffmpeg build cannot silently produce unstitchable media.
func checkStreams(video, audio streamInfo, r Rendition) error {
	var problems []string
	want := func(what string, got, expected any) {
		if got != expected {
			problems = append(problems, fmt.Sprintf("%s %v, want %v", what, got, expected))
		}
	}
	want("video codec", video.CodecName, "h264")
	want("profile", video.Profile, "High")
	want("size", strconv.Itoa(video.Width)+"x"+strconv.Itoa(video.Height), strconv.Itoa(r.Width)+"x"+strconv.Itoa(r.Height))
	want("pixel format", video.PixFmt, "yuv420p")
	want("frame rate", video.RFrameRate, strconv.Itoa(r.FrameRate)+"/1")
	want("audio codec", audio.CodecName, "aac")
	want("audio profile", audio.Profile, "LC")
	want("sample rate", audio.SampleRate, "48000")
	want("channels", audio.Channels, 2)
	if video.StartPTS < 0 {
		problems = append(problems, fmt.Sprintf("video start PTS %d", video.StartPTS))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %s", r.Name, strings.Join(problems, "; "))
	}
	return nil
}

// probeCodecs returns the RFC 6381 CODECS value of a segment, reading the
// avc1 profile, constraint flags and level from the stream's own SPS.
func probeCodecs(ctx context.Context, t tools, path string) (string, error) {
	annexB, err := run(ctx, "", t.ffmpeg, "-hide_banner", "-nostdin", "-v", "error",
		"-i", path, "-map", "0:v:0", "-c", "copy", "-frames:v", "1", "-f", "h264", "pipe:1")
	if err != nil {
		return "", fmt.Errorf("extract SPS of %s: %w", path, err)
	}
	avc1, err := AVC1FromAnnexB(annexB)
	if err != nil {
		return "", fmt.Errorf("codecs of %s: %w", path, err)
	}
	// AAC-LC: object type 2, checked by checkStreams.
	return avc1 + ",mp4a.40.2", nil
}
