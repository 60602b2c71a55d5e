package probe

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Spot is what an uploaded base spot holds.
type Spot struct {
	Duration float64     `json:"duration"` // seconds
	Size     int64       `json:"size"`     // bytes
	Format   string      `json:"format"`   // ffprobe format_name: "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"
	Video    VideoStream `json:"video"`
	Audio    AudioStream `json:"audio"`
}

// VideoStream is the spot's first video stream.
type VideoStream struct {
	Codec     string `json:"codec"` // h264, hevc, vp9 …
	Width     int    `json:"width"`
	Height    int    `json:"height"`
	FrameRate string `json:"frame_rate"` // r_frame_rate: "30/1"
	PixFmt    string `json:"pix_fmt"`
}

// AudioStream is the spot's first audio stream.
type AudioStream struct {
	Codec      string `json:"codec"`
	SampleRate int    `json:"sample_rate"`
	Channels   int    `json:"channels"`
}

// SpotLimits bounds what ProbeSpot accepts; zero fields take the defaults.
type SpotLimits struct {
	MinDuration   time.Duration // default 5 s
	MaxDuration   time.Duration // default 120 s
	DecodeTimeout time.Duration // bound on the full decode check; default 2 min
}

func (l SpotLimits) withDefaults() SpotLimits {
	if l.MinDuration <= 0 {
		l.MinDuration = 5 * time.Second
	}
	if l.MaxDuration <= 0 {
		l.MaxDuration = 120 * time.Second
	}
	if l.DecodeTimeout <= 0 {
		l.DecodeTimeout = 2 * time.Minute
	}
	return l
}

// notMediaFormat says whether an ffprobe format opens files that are no
// video at all: still images and text shown as a picture.
func notMediaFormat(name string) bool {
	return name == "image2" || name == "tty" || strings.HasSuffix(name, "_pipe")
}

// ProbeSpot checks that path is a video with sound that decodes without
// errors from start to end and lasts within lim, and describes it. The
// errors wrap ErrNotMedia, ErrNoVideo, ErrNoAudio, ErrTooShort,
// ErrTooLong or ErrCorrupt and say what the file holds.
func ProbeSpot(ctx context.Context, path string, lim SpotLimits) (*Spot, error) {
	lim = lim.withDefaults()
	spot, doc, err := inspect(ctx, path)
	if err != nil {
		return nil, err
	}
	if doc.video() == nil {
		return nil, fmt.Errorf("%w: the file has %s", ErrNoVideo, doc.describe())
	}
	if doc.audio() == nil {
		return nil, fmt.Errorf("%w: the file has %s", ErrNoAudio, doc.describe())
	}
	if got := spot.Duration; got < lim.MinDuration.Seconds() {
		return nil, fmt.Errorf("%w: %s long, the minimum is %v", ErrTooShort, secs(got), lim.MinDuration)
	} else if got > lim.MaxDuration.Seconds() {
		return nil, fmt.Errorf("%w: %s long, the maximum is %v", ErrTooLong, secs(got), lim.MaxDuration)
	}
	if err := decodeCheck(ctx, path, lim.DecodeTimeout); err != nil {
		return nil, err
	}
	return spot, nil
}

// InspectSpot describes a media file from its headers alone: no limits,
// no decode check, and a missing audio or video stream is left zero.
// Render uses it for the duration of a spot ProbeSpot accepted earlier.
func InspectSpot(ctx context.Context, path string) (*Spot, error) {
	spot, _, err := inspect(ctx, path)
	return spot, err
}

func inspect(ctx context.Context, path string) (*Spot, *probeDoc, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("spot: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%w: %s is not a regular file", ErrNotMedia, path)
	}
	if st.Size() == 0 {
		return nil, nil, fmt.Errorf("%w: the file is empty", ErrNotMedia)
	}
	out, stderr, err := run(ctx, "ffprobe", nil, "-hide_banner", "-v", "error", "-of", "json",
		"-show_entries", formatEntries+":"+streamEntries, "-i", path)
	if err != nil {
		if errors.Is(err, ErrNoTool) || ctx.Err() != nil {
			return nil, nil, err
		}
		if looksLikeMedia(readHead(path)) {
			return nil, nil, fmt.Errorf("%w: a media container ffprobe cannot open (truncated upload?): %s", ErrCorrupt, tidyLog(stderr, path, 3))
		}
		return nil, nil, fmt.Errorf("%w: ffprobe does not recognize it: %s", ErrNotMedia, tidyLog(stderr, path, 3))
	}
	doc, err := parseProbe(out)
	if err != nil {
		return nil, nil, fmt.Errorf("probe %s: %w", path, err)
	}
	if notMediaFormat(doc.Format.FormatName) {
		return nil, nil, fmt.Errorf("%w: it is a still image or text (%s)", ErrNotMedia, doc.Format.FormatName)
	}
	if doc.video() == nil && doc.audio() == nil {
		return nil, nil, fmt.Errorf("%w: the file has %s", ErrNotMedia, doc.describe())
	}
	return spotFromDoc(doc, st.Size()), doc, nil
}

func spotFromDoc(doc *probeDoc, size int64) *Spot {
	s := &Spot{Duration: doc.duration(), Size: size, Format: doc.Format.FormatName}
	if v := doc.video(); v != nil {
		s.Video = VideoStream{Codec: v.CodecName, Width: v.Width, Height: v.Height, FrameRate: v.RFrameRate, PixFmt: v.PixFmt}
	}
	if a := doc.audio(); a != nil {
		rate, _ := strconv.Atoi(a.SampleRate)
		s.Audio = AudioStream{Codec: a.CodecName, SampleRate: rate, Channels: a.Channels}
	}
	return s
}

// secs formats seconds for messages: "3.2 s".
func secs(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + " s" }
