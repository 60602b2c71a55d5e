package probe

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/adstitch/adstitch/manifest"
)

// probeSegments is how many leading segments ProbeRendition reads: two,
// so that a stream with one keyframe per segment still shows a GOP.
const probeSegments = 2

// ProbeRendition describes the rendition behind a media playlist (an
// http(s) URL, a file URL or a local path), from the playlist and its
// first segments (with the EXT-X-MAP init section for fMP4). URI is set
// to mediaPlaylist; Bandwidth and Codecs, which only a master playlist
// carries, stay zero.
func ProbeRendition(ctx context.Context, mediaPlaylist string) (Rendition, error) {
	loc, err := location(mediaPlaylist)
	if err != nil {
		return Rendition{}, err
	}
	data, err := fetch(ctx, loc, 0, -1, maxPlaylist)
	if err != nil {
		return Rendition{}, fmt.Errorf("%w: %v", ErrPlaylist, err)
	}
	if manifest.IsMaster(data) {
		return Rendition{}, fmt.Errorf("%w: %s is a master playlist, not a media playlist", ErrPlaylist, mediaPlaylist)
	}
	m, err := manifest.ParseMedia(data, loc)
	if err != nil {
		return Rendition{}, fmt.Errorf("%w: %s: %v", ErrPlaylist, mediaPlaylist, err)
	}
	if len(m.Segments) == 0 {
		return Rendition{}, fmt.Errorf("%w: %s has no segments", ErrPlaylist, mediaPlaylist)
	}
	media, err := leadingMedia(ctx, m)
	if err != nil {
		return Rendition{}, fmt.Errorf("probe %s: %w", mediaPlaylist, err)
	}
	doc, err := probeBytes(ctx, media)
	if err != nil {
		return Rendition{}, fmt.Errorf("probe %s: %w", mediaPlaylist, err)
	}
	r, err := renditionFromDoc(doc)
	if err != nil {
		return Rendition{}, fmt.Errorf("probe %s: %w", mediaPlaylist, err)
	}
	r.URI = mediaPlaylist
	r.SegmentDur = float64(m.TargetDuration)
	if m.Segments[0].Map != "" && r.Container != "fmp4" {
		return Rendition{}, fmt.Errorf("probe %s: EXT-X-MAP but %s segments", mediaPlaylist, r.Container)
	}
	return r, nil
}

// leadingMedia returns the init section (if any) followed by the first
// segments that share it: a byte stream ffprobe reads as one file.
func leadingMedia(ctx context.Context, m *manifest.Media) ([]byte, error) {
	var buf bytes.Buffer
	first := m.Segments[0]
	if first.Map != "" {
		uri, off, n, err := mapSection(first.Map)
		if err != nil {
			return nil, err
		}
		init, err := fetch(ctx, uri, off, n, maxSegment)
		if err != nil {
			return nil, fmt.Errorf("init section: %w", err)
		}
		buf.Write(init)
	}
	for i, s := range m.Segments {
		if i == probeSegments || s.Map != first.Map || (i > 0 && s.Discontinuity) {
			break
		}
		seg, err := fetch(ctx, s.URI, s.ByteOff, s.ByteLen, maxSegment)
		if err != nil {
			return nil, fmt.Errorf("segment %d: %w", s.Seq, err)
		}
		buf.Write(seg)
	}
	return buf.Bytes(), nil
}

// mapSection reads the URI and optional BYTERANGE of an EXT-X-MAP line
// (its URI already absolute). n is -1 without a byte range.
func mapSection(line string) (uri string, off, n int64, err error) {
	_, attrs, _ := strings.Cut(line, ":")
	uri, ok := quotedAttr(attrs, "URI")
	if !ok || uri == "" {
		return "", 0, 0, fmt.Errorf("%w: EXT-X-MAP without URI: %s", ErrPlaylist, line)
	}
	br, ok := quotedAttr(attrs, "BYTERANGE")
	if !ok {
		return uri, 0, -1, nil
	}
	lenS, offS, _ := strings.Cut(br, "@")
	n, err1 := strconv.ParseInt(lenS, 10, 64)
	if offS != "" {
		off, err = strconv.ParseInt(offS, 10, 64)
	}
	if err1 != nil || err != nil || n < 0 || off < 0 {
		return "", 0, 0, fmt.Errorf("%w: EXT-X-MAP BYTERANGE %q", ErrPlaylist, br)
	}
	return uri, off, n, nil
}

// quotedAttr returns the value of NAME="value" in an attribute list.
func quotedAttr(attrs, name string) (string, bool) {
	for rest := attrs; rest != ""; {
		var a string
		a, rest = nextAttr(rest)
		k, v, ok := strings.Cut(a, "=")
		if ok && strings.TrimSpace(k) == name {
			return strings.Trim(v, `"`), true
		}
	}
	return "", false
}

// nextAttr splits the first attribute off a list, honouring commas
// inside quoted values.
func nextAttr(s string) (attr, rest string) {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				return s[:i], s[i+1:]
			}
		}
	}
	return s, ""
}

// probeBytes runs ffprobe on media held in memory (through a temporary
// file: the MP4 demuxer wants to seek).
func probeBytes(ctx context.Context, media []byte) (*probeDoc, error) {
	f, err := os.CreateTemp("", "adstitch-probe-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	_, err = f.Write(media)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", f.Name(), err)
	}
	out, _, err := run(ctx, "ffprobe", nil, "-hide_banner", "-v", "error", "-of", "json",
		"-show_entries", formatEntries+":"+streamEntries+":packet=stream_index,flags", "-i", f.Name())
	if err != nil {
		return nil, err
	}
	return parseProbe(out)
}

// renditionFromDoc fills the encoding fields of a Rendition from what
// ffprobe said about leading segments.
func renditionFromDoc(doc *probeDoc) (Rendition, error) {
	v, a := doc.video(), doc.audio()
	if v == nil && a == nil {
		return Rendition{}, fmt.Errorf("segments hold %s", doc.describe())
	}
	r := Rendition{Container: containerOf(doc.Format.FormatName)}
	if v != nil {
		r.VideoCodec, r.Profile, r.Level = v.CodecName, v.Profile, v.Level
		r.Width, r.Height, r.FrameRate, r.PixFmt = v.Width, v.Height, v.RFrameRate, v.PixFmt
		r.GOP = doc.gop(v.Index)
	}
	if a != nil {
		r.AudioCodec, r.AudioProf, r.Channels = a.CodecName, a.Profile, a.Channels
		r.SampleRate, _ = strconv.Atoi(a.SampleRate)
	}
	return r, nil
}

// containerOf names a segment format the way Rendition.Container does.
func containerOf(format string) string {
	switch {
	case format == "mpegts":
		return "ts"
	case strings.Contains(format, "mp4"):
		return "fmp4"
	}
	return format
}
