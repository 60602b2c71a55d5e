package render

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"

	"github.com/adstitch/adstitch/manifest"
	"github.com/adstitch/adstitch/variants/demo"
	"github.com/adstitch/adstitch/variants/probe"
)

// measured is what a finished rendition's files say about it, for the
// master playlist.
type measured struct {
	bandwidth, average int     // bits/s: peak segment, whole rendition
	duration           float64 // seconds, sum of EXTINF
	codecs             string  // RFC 6381, from the stream itself
}

// measure reads rendition g's playlist and segments: bitrates from the
// real segment sizes, CODECS from the H.264 SPS in the first segment.
func measure(ctx context.Context, g rung, got probe.Rendition) (measured, error) {
	var m measured
	path := filepath.Join(g.dir, playlistName)
	data, err := os.ReadFile(path)
	if err != nil {
		return m, err
	}
	base := (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
	media, err := manifest.ParseMedia(data, base)
	if err != nil {
		return m, fmt.Errorf("%s: %w", path, err)
	}
	if len(media.Segments) == 0 {
		return m, fmt.Errorf("%s: no segments", path)
	}
	var total int64
	var first []byte
	for i, s := range media.Segments {
		seg, err := segmentPath(s.URI)
		if err != nil {
			return m, err
		}
		if i == 0 {
			if first, err = os.ReadFile(seg); err != nil {
				return m, err
			}
		}
		st, err := os.Stat(seg)
		if err != nil {
			return m, err
		}
		total += st.Size()
		m.duration += s.Duration
		if s.Duration > 0 {
			m.bandwidth = max(m.bandwidth, int(math.Ceil(float64(st.Size())*8/s.Duration)))
		}
	}
	if m.duration > 0 {
		m.average = int(math.Ceil(float64(total) * 8 / m.duration))
	}
	audio := ""
	if got.AudioCodec != "" {
		audio = aacCodec(got.AudioProf)
	}
	if got.VideoCodec == "" {
		m.codecs = audio
		return m, nil
	}
	if g.fmp4() {
		init, err := os.ReadFile(filepath.Join(g.dir, "init.mp4"))
		if err != nil {
			return m, err
		}
		first = append(init, first...)
	}
	avc1, err := avc1Of(ctx, first)
	if err != nil {
		return m, fmt.Errorf("%s: %w", g.name, err)
	}
	m.codecs = avc1
	if audio != "" {
		m.codecs += "," + audio
	}
	return m, nil
}

func segmentPath(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return "", fmt.Errorf("segment URI %q is not a local file", uri)
	}
	return filepath.FromSlash(u.Path), nil
}

// avc1Of extracts the first H.264 access unit of a segment as Annex B
// (ffmpeg inserts the SPS for MP4 input) and reads its codec string.
func avc1Of(ctx context.Context, segment []byte) (string, error) {
	var out, stderr bytes.Buffer
	cmd := commandContext(ctx, "ffmpeg", "-hide_banner", "-nostats", "-v", "error", "-i", "pipe:0",
		"-map", "0:v:0", "-c", "copy", "-frames:v", "1", "-f", "h264", "pipe:1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(segment), &out, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("extract SPS: %w: %s", err, probe.Tail(stderr.String(), 300))
	}
	return demo.AVC1FromAnnexB(out.Bytes())
}

// aacCodec is the RFC 6381 codec of an AAC profile as ffprobe names it.
func aacCodec(profile string) string {
	switch profile {
	case "HE-AAC":
		return "mp4a.40.5"
	case "HE-AACv2":
		return "mp4a.40.29"
	}
	return "mp4a.40.2"
}
