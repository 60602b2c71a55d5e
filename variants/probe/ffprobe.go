package probe

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// probeDoc is the part of ffprobe's JSON output (-of json) that we read.
type probeDoc struct {
	Format  probeFormat   `json:"format"`
	Streams []probeStream `json:"streams"`
	Packets []probePacket `json:"packets"`
}

type probeFormat struct {
	FormatName string `json:"format_name"`
	Duration   string `json:"duration"`
}

type probeStream struct {
	Index       int    `json:"index"`
	CodecType   string `json:"codec_type"`
	CodecName   string `json:"codec_name"`
	Profile     string `json:"profile"`
	Level       int    `json:"level"`
	Width       int    `json:"width"`
	Height      int    `json:"height"`
	PixFmt      string `json:"pix_fmt"`
	RFrameRate  string `json:"r_frame_rate"`
	SampleRate  string `json:"sample_rate"`
	Channels    int    `json:"channels"`
	Duration    string `json:"duration"`
	Disposition struct {
		AttachedPic int `json:"attached_pic"`
	} `json:"disposition"`
}

type probePacket struct {
	StreamIndex int    `json:"stream_index"`
	Flags       string `json:"flags"`
}

// Entries passed to ffprobe -show_entries: only what probeDoc reads.
const (
	formatEntries = "format=format_name,duration"
	streamEntries = "stream=index,codec_type,codec_name,profile,level,width,height,pix_fmt,r_frame_rate,sample_rate,channels,duration:stream_disposition=attached_pic"
)

// parseProbe decodes ffprobe's JSON output.
func parseProbe(data []byte) (*probeDoc, error) {
	var d probeDoc
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("decode ffprobe output: %w", err)
	}
	return &d, nil
}

// video returns the first video stream that is a moving picture (not a
// cover image), or nil.
func (d *probeDoc) video() *probeStream {
	for i := range d.Streams {
		s := &d.Streams[i]
		if s.CodecType == "video" && s.Disposition.AttachedPic == 0 {
			return s
		}
	}
	return nil
}

// audio returns the first audio stream, or nil.
func (d *probeDoc) audio() *probeStream {
	for i := range d.Streams {
		if d.Streams[i].CodecType == "audio" {
			return &d.Streams[i]
		}
	}
	return nil
}

// duration is the container's duration in seconds, or the longest
// stream's when the container does not say; 0 when nobody knows.
func (d *probeDoc) duration() float64 {
	if v, ok := seconds(d.Format.Duration); ok {
		return v
	}
	longest := 0.0
	for _, s := range d.Streams {
		if v, ok := seconds(s.Duration); ok && v > longest {
			longest = v
		}
	}
	return longest
}

// gop returns the number of video packets from the first keyframe to
// the second (in decode order, which for closed GOPs is the frame count).
// With fewer than two keyframes it returns the packets from the first
// keyframe to the end: the interval is at least that long.
func (d *probeDoc) gop(videoIndex int) int {
	first, n := -1, 0
	for _, p := range d.Packets {
		if p.StreamIndex != videoIndex {
			continue
		}
		if strings.HasPrefix(p.Flags, "K") {
			if first >= 0 {
				return n - first
			}
			first = n
		}
		n++
	}
	if first < 0 {
		return 0
	}
	return n - first
}

// describe says what streams a file has, for error messages: "1 video
// stream (h264 1280x720)", "1 audio stream (aac 48000 Hz stereo)".
func (d *probeDoc) describe() string {
	var parts []string
	count := func(kind string) (n int, first *probeStream) {
		for i := range d.Streams {
			s := &d.Streams[i]
			if s.CodecType == kind && s.Disposition.AttachedPic == 0 {
				if n == 0 {
					first = s
				}
				n++
			}
		}
		return n, first
	}
	plural := func(n int, what string) string {
		if n == 1 {
			return "1 " + what + " stream"
		}
		return strconv.Itoa(n) + " " + what + " streams"
	}
	if n, s := count("video"); n > 0 {
		parts = append(parts, fmt.Sprintf("%s (%s %dx%d)", plural(n, "video"), s.CodecName, s.Width, s.Height))
	}
	if n, s := count("audio"); n > 0 {
		parts = append(parts, fmt.Sprintf("%s (%s %s Hz %s)", plural(n, "audio"), s.CodecName, s.SampleRate, channels(s.Channels)))
	}
	if n, _ := count("subtitle"); n > 0 {
		parts = append(parts, plural(n, "subtitle"))
	}
	for _, s := range d.Streams {
		if s.Disposition.AttachedPic != 0 {
			parts = append(parts, "a cover image ("+s.CodecName+")")
			break
		}
	}
	if len(parts) == 0 {
		return "no audio or video stream"
	}
	return strings.Join(parts, " and ")
}

// channels names a channel count: mono, stereo, 6 channels.
func channels(n int) string {
	switch n {
	case 1:
		return "mono"
	case 2:
		return "stereo"
	}
	return strconv.Itoa(n) + " channels"
}

// seconds parses an ffprobe duration ("12.345000"); "N/A", empty,
// negative and non-finite values are unknown.
func seconds(s string) (float64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}
