package probe

import (
	"strconv"
	"strings"
)

// Mismatch says why got cannot be stitched into want's rendition, or ""
// when it can. Everything a decoder is set up for must be equal; the
// level may be lower; keyframes must come at least once per segment of
// want's; got's segments may not be longer than want's target duration
// (a GOP that does not divide the segment shows up there: the segmenter
// cuts at the next keyframe, so segments overrun).
// Every differing field is named: "profile: want High, got Main; sample
// rate: want 48000, got 44100".
func (want Rendition) Mismatch(got Rendition) string {
	var m mismatches
	m.str("container", want.Container, got.Container)
	m.str("video codec", want.VideoCodec, got.VideoCodec)
	if want.VideoCodec != "" && got.VideoCodec != "" {
		if !sameProfile(want.Profile, got.Profile) {
			m.add("profile", want.Profile, got.Profile)
		}
		if got.Level > want.Level {
			m.addf("level: want at most " + levelName(want.Level) + ", got " + levelName(got.Level))
		}
		if want.Width != got.Width || want.Height != got.Height {
			m.add("size", size(want.Width, want.Height), size(got.Width, got.Height))
		}
		if !sameRate(want.FrameRate, got.FrameRate) {
			m.add("frame rate", want.FrameRate, got.FrameRate)
		}
		m.str("pix_fmt", want.PixFmt, got.PixFmt)
		seg := framesIn(want.FrameRate, want.SegmentDur)
		switch {
		case got.GOP <= 0:
			m.addf("gop: no keyframe found")
		case seg > 0 && got.GOP > seg:
			m.addf("gop: want a keyframe at least every " + strconv.Itoa(seg) + " frames (one segment), got " + strconv.Itoa(got.GOP))
		}
	}
	m.str("audio codec", want.AudioCodec, got.AudioCodec)
	if want.AudioCodec != "" && got.AudioCodec != "" {
		m.str("audio profile", want.AudioProf, got.AudioProf)
		m.num("sample rate", want.SampleRate, got.SampleRate)
		m.num("channels", want.Channels, got.Channels)
	}
	if got.SegmentDur <= 0 || got.SegmentDur > want.SegmentDur {
		m.addf("segment duration: want at most " + strconv.FormatFloat(want.SegmentDur, 'f', -1, 64) +
			" s, got " + strconv.FormatFloat(got.SegmentDur, 'f', -1, 64) + " s")
	}
	return strings.Join(m, "; ")
}

// mismatches collects the reasons of Mismatch.
type mismatches []string

func (m *mismatches) addf(reason string) { *m = append(*m, reason) }

func (m *mismatches) add(field, want, got string) {
	*m = append(*m, field+": want "+orNone(want)+", got "+orNone(got))
}

func (m *mismatches) str(field, want, got string) {
	if want != got {
		m.add(field, want, got)
	}
}

func (m *mismatches) num(field string, want, got int) {
	if want != got {
		m.add(field, strconv.Itoa(want), strconv.Itoa(got))
	}
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// sameProfile compares H.264 profiles; Constrained Baseline is a subset of
// Baseline that every Baseline decoder plays.
func sameProfile(want, got string) bool {
	return want == got || (want == "Baseline" && got == "Constrained Baseline")
}

func size(w, h int) string { return strconv.Itoa(w) + "x" + strconv.Itoa(h) }

// levelName writes an ffprobe H.264 level the usual way: 31 -> "3.1".
func levelName(l int) string {
	if l <= 0 {
		return strconv.Itoa(l)
	}
	return strconv.Itoa(l/10) + "." + strconv.Itoa(l%10)
}
