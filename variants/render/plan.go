package render

import (
	"math"
	"path/filepath"
	"strconv"

	"github.com/adstitch/adstitch/variants/probe"
)

// plan is a validated job with everything derived that the ffmpeg command
// needs: one rung per rendition, the spot's duration, the work files.
type plan struct {
	job       *Job
	duration  float64  // of the spot, seconds
	spotAudio bool     // the spot has an audio stream
	voiceWav  string   // synthesized voice line, "" = none
	textFiles []string // one per job.Texts entry, "" for empty layers
	rungs     []rung
}

// rung is one output rendition.
type rung struct {
	want    probe.Rendition
	dir     string // Out/rN
	name    string // rN
	profile string // libx264 -profile:v
	gop     int    // frames
	segment string // hls_time, seconds
}

func newRungs(job *Job) []rung {
	rungs := make([]rung, len(job.Ladder.Renditions))
	for i, r := range job.Ladder.Renditions {
		name := "r" + strconv.Itoa(i)
		g := rung{want: r, dir: filepath.Join(job.Out, name), name: name,
			segment: strconv.FormatFloat(r.SegmentDur, 'f', -1, 64)}
		if r.VideoCodec != "" {
			g.profile, _ = x264Profile(r.Profile)
			f, _ := fps(r.FrameRate)
			perSegment := int(math.Round(f * r.SegmentDur))
			g.gop = r.GOP
			if g.gop <= 0 || g.gop > perSegment {
				g.gop = perSegment // at least one keyframe per segment
			}
			if g.gop < 1 {
				g.gop = 1
			}
		}
		rungs[i] = g
	}
	return rungs
}

func (g rung) video() bool { return g.want.VideoCodec != "" }
func (g rung) audio() bool { return g.want.AudioCodec != "" }

func (g rung) pixFmt() string {
	if g.want.PixFmt == "" {
		return "yuv420p"
	}
	return g.want.PixFmt
}

func (g rung) fmp4() bool { return g.want.Container == "fmp4" }

func (g rung) segmentExt() string {
	if g.fmp4() {
		return ".m4s"
	}
	return ".ts"
}
