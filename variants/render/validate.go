package render

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/adstitch/adstitch/variants/probe"
)

// ErrInvalidJob means a job cannot be rendered as given: retrying will
// not help. The message names the field.
var ErrInvalidJob = errors.New("invalid render job")

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidJob}, args...)...)
}

// validate checks a job before any process starts, so that a bad font or
// an impossible rendition fails in milliseconds with a clear message
// instead of in ffmpeg's log.
func validate(job *Job) error {
	if job.Spot == "" {
		return invalid("no spot")
	}
	if err := regularFile("spot", job.Spot); err != nil {
		return err
	}
	if job.Out == "" {
		return invalid("no output directory")
	}
	if strings.Contains(job.Out, "%") {
		return invalid("output directory %q: the HLS muxer reads %% in it as a segment number pattern", job.Out)
	}
	if len(job.Ladder.Renditions) == 0 {
		return invalid("empty ladder")
	}
	for i, r := range job.Ladder.Renditions {
		if err := renderable(r); err != nil {
			return fmt.Errorf("rendition %d: %w", i, err)
		}
	}
	for i, t := range job.Texts {
		if err := checkText(t); err != nil {
			return fmt.Errorf("text %d: %w", i, err)
		}
	}
	if job.Voice != "" && !safeName(job.VoiceLang) {
		return invalid("voice language %q", job.VoiceLang)
	}
	if c := job.EndCard; c != nil {
		if err := regularFile("end card", c.Image); err != nil {
			return err
		}
		if !(c.Duration > 0) {
			return invalid("end card duration %v", c.Duration)
		}
	}
	if !safeName(job.Preset) {
		return invalid("x264 preset %q", job.Preset)
	}
	return nil
}

// renderable says whether this package can encode r: H.264 and AAC-LC
// only, in TS or fMP4.
func renderable(r probe.Rendition) error {
	switch {
	case r.VideoCodec == "" && r.AudioCodec == "":
		return invalid("neither video nor audio")
	case r.VideoCodec != "" && r.VideoCodec != "h264":
		return invalid("video codec %q: only h264 renders", r.VideoCodec)
	case r.AudioCodec != "" && r.AudioCodec != "aac":
		return invalid("audio codec %q: only aac renders", r.AudioCodec)
	case r.AudioCodec != "" && r.AudioProf != "" && r.AudioProf != "LC":
		return invalid("audio profile %q: ffmpeg's aac encoder makes LC only", r.AudioProf)
	case r.AudioCodec != "" && (r.SampleRate <= 0 || r.Channels <= 0 || r.Channels > 8):
		return invalid("audio %d Hz, %d channels", r.SampleRate, r.Channels)
	case r.Container != "ts" && r.Container != "fmp4":
		return invalid("container %q: want ts or fmp4", r.Container)
	case !(r.SegmentDur > 0) || r.SegmentDur > 60:
		return invalid("segment duration %v", r.SegmentDur)
	}
	if r.VideoCodec == "" {
		return nil
	}
	if _, ok := x264Profile(r.Profile); !ok {
		return invalid("profile %q: want High, Main or (Constrained) Baseline", r.Profile)
	}
	if _, ok := fps(r.FrameRate); !ok {
		return invalid("frame rate %q", r.FrameRate)
	}
	switch {
	case r.Width <= 0 || r.Height <= 0 || r.Width%2 != 0 || r.Height%2 != 0 || r.Width > 8192 || r.Height > 8192:
		return invalid("size %dx%d: want even, up to 8192", r.Width, r.Height)
	case r.PixFmt != "yuv420p" && r.PixFmt != "":
		return invalid("pix_fmt %q: only yuv420p renders", r.PixFmt)
	case r.GOP < 0:
		return invalid("GOP %d", r.GOP)
	case r.Level < 0 || r.Level > 62:
		return invalid("level %d", r.Level)
	}
	return nil
}

func checkText(t Text) error {
	if err := checkFont(t.FontFile); err != nil {
		return err
	}
	switch {
	case !(t.Size > 0 && t.Size <= 1):
		return invalid("size %v: want a fraction of the frame height in (0, 1]", t.Size)
	case !(t.X >= 0 && t.X <= 1 && t.Y >= 0 && t.Y <= 1):
		return invalid("position %v,%v: want fractions in [0, 1]", t.X, t.Y)
	case !(t.Start >= 0) || !(t.End >= 0) || (t.End != 0 && t.End < t.Start) || math.IsInf(t.End, 0):
		return invalid("time window %v..%v", t.Start, t.End)
	}
	return nil
}

// checkFont wants a TrueType or OpenType font file: drawtext silently
// falls back to another font when the file does not load.
func checkFont(path string) error {
	if err := regularFile("font", path); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return invalid("font: %v", err)
	}
	defer f.Close()
	head := make([]byte, 4)
	if _, err := io.ReadFull(f, head); err != nil {
		return invalid("font %s: %v", path, err)
	}
	switch string(head) {
	case "\x00\x01\x00\x00", "true", "OTTO", "ttcf", "wOFF", "wOF2":
		return nil
	}
	return invalid("font %s is not a TrueType or OpenType file", path)
}

func regularFile(what, path string) error {
	if path == "" {
		return invalid("no %s file", what)
	}
	st, err := os.Stat(path)
	if err != nil {
		return invalid("%s: %v", what, err)
	}
	if !st.Mode().IsRegular() {
		return invalid("%s %s is not a regular file", what, path)
	}
	return nil
}

// safeName accepts what may be passed to a tool as a name argument
// (espeak-ng voice, x264 preset): letters, digits, - _ + and no leading
// dash that would read as an option.
func safeName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '+' || (c == '-' && i > 0)
		if !ok {
			return false
		}
	}
	return len(s) <= 64
}

// x264Profile maps an ffprobe profile name to libx264's -profile:v.
func x264Profile(p string) (string, bool) {
	switch p {
	case "High":
		return "high", true
	case "Main":
		return "main", true
	case "Baseline", "Constrained Baseline":
		return "baseline", true
	}
	return "", false
}

// fps parses a frame rate fraction ("30/1", "30000/1001", "25") into a
// value for the fps filter and its frames per second.
func fps(rate string) (float64, bool) {
	num, den, hasDen := strings.Cut(rate, "/")
	n, err := strconv.Atoi(num)
	if err != nil || n <= 0 || n > 1_000_000 {
		return 0, false
	}
	d := 1
	if hasDen {
		if d, err = strconv.Atoi(den); err != nil || d <= 0 || d > 1_000_000 {
			return 0, false
		}
	}
	f := float64(n) / float64(d)
	return f, f >= 1 && f <= 240
}
