package render

import (
	"path/filepath"
	"strconv"
)

// defaultPreset trades encode speed for size; renders are cached, so a
// slower preset pays off only at high impression counts.
const defaultPreset = "veryfast"

// outputArgs returns the ffmpeg output options of rendition i: x264 at
// the rendition's profile, level and pixel format with a keyframe at every
// segment boundary and none elsewhere than every GOP (no scene cuts), AAC
// at its rate and channels, and the HLS muxer cutting segments there.
func (p *plan) outputArgs(i int) []string {
	r := p.rungs[i]
	var a []string
	is := strconv.Itoa(i)
	if r.video() {
		preset := p.job.Preset
		if preset == "" {
			preset = defaultPreset
		}
		gop := strconv.Itoa(r.gop)
		params := "scenecut=0:open-gop=0"
		// x264 picks the lowest profile the tools in use allow; turn on
		// the tools that make the stream really High or Main even with
		// presets that leave them off (ultrafast).
		switch r.profile {
		case "high":
			params += ":cabac=1:8x8dct=1"
		case "main":
			params += ":cabac=1"
		}
		a = append(a, "-map", "[v"+is+"]",
			"-c:v", "libx264", "-preset", preset, "-profile:v", r.profile, "-pix_fmt", r.pixFmt(),
			"-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
			"-force_key_frames", "expr:gte(t,n_forced*"+r.segment+")",
			"-x264-params", params)
		if r.want.Level > 0 {
			a = append(a, "-level:v", strconv.Itoa(r.want.Level/10)+"."+strconv.Itoa(r.want.Level%10))
		}
		a = append(a, "-crf", "21")
		if rate := videoMaxrate(r); rate > 0 {
			a = append(a, "-maxrate", strconv.Itoa(rate), "-bufsize", strconv.Itoa(2*rate))
		}
	}
	if r.audio() {
		a = append(a, "-map", "[a"+is+"]", "-c:a", "aac", "-profile:a", "aac_low",
			"-b:a", strconv.Itoa(audioBitrate(r)), "-ar", strconv.Itoa(r.want.SampleRate), "-ac", strconv.Itoa(r.want.Channels))
	}
	segType, initArgs := "mpegts", []string(nil)
	if r.fmp4() {
		segType, initArgs = "fmp4", []string{"-hls_fmp4_init_filename", "init.mp4"}
	}
	a = append(a, "-f", "hls", "-hls_time", r.segment, "-hls_playlist_type", "vod",
		"-hls_flags", "independent_segments", "-hls_segment_type", segType)
	a = append(a, initArgs...)
	// The segment name is a pattern (validate keeps % out of Out).
	pattern := filepath.Join(r.dir, "seg_%03d"+r.segmentExt())
	return append(a, "-hls_segment_filename", pattern, filepath.Join(r.dir, playlistName))
}

// playlistName is each rendition's media playlist in its directory.
const playlistName = "index.m3u8"

// audioBitrate is what AAC-LC needs for transparent speech and music.
func audioBitrate(r rung) int {
	if r.want.Channels == 1 {
		return 64_000
	}
	return 64_000 * min(r.want.Channels, 6)
}

// videoMaxrate caps the video bitrate so the ad's peak stays under the
// content rendition's BANDWIDTH (a player picked this rendition for that
// bandwidth); 0 when the ladder does not say.
func videoMaxrate(r rung) int {
	if r.want.Bandwidth <= 0 {
		return 0
	}
	v := r.want.Bandwidth*85/100 - audioBitrate(r)
	return max(v, 100_000)
}
