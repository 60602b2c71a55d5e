package demo

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/grafov/m3u8"
)

// readVariant reads the media playlist ffmpeg wrote for one rendition of a
// clip, checks its segment durations against the recipe and measures its
// bit rates from the segment files.
func readVariant(clipDir string, c clipSpec, r Rendition) (Variant, error) {
	v := Variant{Rendition: r.Name, URI: r.Name + "/index.m3u8"}
	path := filepath.Join(clipDir, r.Name, "index.m3u8")
	f, err := os.Open(path)
	if err != nil {
		return v, fmt.Errorf("read variant: %w", err)
	}
	defer f.Close()
	pl, kind, err := m3u8.DecodeFrom(f, true)
	if err != nil {
		return v, fmt.Errorf("parse %s: %w", path, err)
	}
	media, ok := pl.(*m3u8.MediaPlaylist)
	if kind != m3u8.MEDIA || !ok {
		return v, fmt.Errorf("parse %s: not a media playlist", path)
	}
	if media.MediaType != m3u8.VOD || !media.Closed {
		return v, fmt.Errorf("%s: want a VOD playlist with ENDLIST", path)
	}

	var total time.Duration
	var bits float64
	for i := range media.Count() {
		s := media.Segments[i]
		// ffmpeg writes EXTINF with microsecond precision; the frame grid is
		// coarser, so milliseconds are exact here.
		d := time.Duration(math.Round(s.Duration*1000)) * time.Millisecond
		info, err := os.Stat(filepath.Join(clipDir, r.Name, s.URI))
		if err != nil {
			return v, fmt.Errorf("segment of %s: %w", path, err)
		}
		v.Segments = append(v.Segments, Segment{URI: s.URI, Duration: d, Size: info.Size()})
		total += d
		bits += float64(info.Size()) * 8
		if d > 0 {
			v.Bandwidth = max(v.Bandwidth, int(math.Ceil(float64(info.Size())*8/d.Seconds())))
		}
	}
	if err := checkSegments(v.Segments, c.duration, c.segment); err != nil {
		return v, fmt.Errorf("%s: %w", path, err)
	}
	v.AverageBandwidth = int(math.Ceil(bits / total.Seconds()))
	return v, nil
}

// checkSegments verifies that every segment lasts exactly seg, except a
// shorter last one that makes up the clip's duration.
func checkSegments(segs []Segment, duration, seg time.Duration) error {
	want := int((duration + seg - 1) / seg)
	if len(segs) != want {
		return fmt.Errorf("%d segments, want %d", len(segs), want)
	}
	for i, s := range segs {
		expected := seg
		if i == len(segs)-1 {
			expected = duration - time.Duration(i)*seg
		}
		if s.Duration != expected {
			return fmt.Errorf("segment %d lasts %v, want %v", i, s.Duration, expected)
		}
	}
	return nil
}
