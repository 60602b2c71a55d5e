package demo

import (
	"path/filepath"
	"strconv"
	"time"
)

// Version identifies the rendering recipe. Bump it whenever the media
// would come out differently: directories made by another version are
// rendered again.
const Version = 1

// Layout of the content clip, which the demo origin loops for live.
const (
	ContentName     = "vod"
	ContentSegments = 15
	SegmentDuration = 4 * time.Second
	ContentDuration = ContentSegments * SegmentDuration
)

// DefaultStartPTS is the 90 kHz PTS of the first video frame of every clip
// as ffmpeg 5.1 writes it: the mpegts muxer's 1.4 s mux delay plus two
// frames of B-frame reorder delay. Assets.Content.StartPTS holds the probed
// value; this is for callers that have no rendered media at hand.
const DefaultStartPTS = 132000

// Assets describes rendered demo media. It is what the marker file holds.
type Assets struct {
	Dir     string      `json:"-"` // root directory, e.g. <data_dir>/demo
	Version int         `json:"version"`
	Ladder  []Rendition `json:"ladder"` // every clip has one variant per rung, in this order
	Content Clip        `json:"content"`
	Ads     []Clip      `json:"ads"`
	Slate   Clip        `json:"slate"`
}

// Rendition is one rung of the ladder. Its name is also the sub-directory
// of each clip that holds its media playlist and segments.
type Rendition struct {
	Name         string `json:"name"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	FrameRate    int    `json:"frame_rate"`
	VideoBitrate int    `json:"video_bitrate"` // encoder target, bit/s
	AudioBitrate int    `json:"audio_bitrate"` // bit/s
	Level        string `json:"level"`         // H.264 level given to x264
}

// Clip is one rendered HLS ladder: content, an ad or the slate.
type Clip struct {
	Name            string        `json:"name"`  // directory under Assets.Dir: "vod", "ads/house-10s", "slate"
	Title           string        `json:"title"` // what the card says
	Duration        time.Duration `json:"duration"`
	SegmentDuration time.Duration `json:"segment_duration"` // target; the last segment may be shorter
	GOP             time.Duration `json:"gop"`
	StartPTS        uint64        `json:"start_pts"` // 90 kHz PTS of the first video frame of segment 0
	Variants        []Variant     `json:"variants"`
}

// Variant is one rendition of a clip.
type Variant struct {
	Rendition        string    `json:"rendition"`
	URI              string    `json:"uri"` // media playlist, relative to the clip's master
	Codecs           string    `json:"codecs"`
	Bandwidth        int       `json:"bandwidth"`         // peak segment bit rate, bit/s
	AverageBandwidth int       `json:"average_bandwidth"` // bit/s
	Segments         []Segment `json:"segments"`
}

// Segment is one media segment of a variant.
type Segment struct {
	URI      string        `json:"uri"` // relative to the media playlist
	Duration time.Duration `json:"duration"`
	Size     int64         `json:"size"`
}

// Master returns the clip's master playlist path relative to Assets.Dir.
func (c *Clip) Master() string { return c.Name + "/master.m3u8" }

// Clips returns every clip: content, ads, slate.
func (a *Assets) Clips() []*Clip {
	out := make([]*Clip, 0, len(a.Ads)+2)
	out = append(out, &a.Content)
	for i := range a.Ads {
		out = append(out, &a.Ads[i])
	}
	return append(out, &a.Slate)
}

// Path joins a slash-separated path relative to the root onto Dir.
func (a *Assets) Path(rel string) string {
	return filepath.Join(a.Dir, filepath.FromSlash(rel))
}

// SegmentName is the file name ffmpeg gives segment i of a rendition.
func SegmentName(i int) string {
	return string(AppendSegmentName(nil, i))
}

// AppendSegmentName appends SegmentName(i) to dst without allocating when
// dst has room.
func AppendSegmentName(dst []byte, i int) []byte {
	dst = append(dst, "seg_"...)
	var digits [20]byte
	num := strconv.AppendInt(digits[:0], int64(i), 10)
	for range 5 - len(num) {
		dst = append(dst, '0')
	}
	dst = append(dst, num...)
	return append(dst, ".ts"...)
}
