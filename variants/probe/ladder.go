package probe

// Rendition is what an HLS rendition is encoded as: everything an ad must
// share with the content to stitch without a player noticing.
type Rendition struct {
	URI       string `json:"uri"`       // media playlist URL (content) or path relative to the variant master (ads)
	Bandwidth int    `json:"bandwidth"` // EXT-X-STREAM-INF BANDWIDTH
	Codecs    string `json:"codecs"`    // EXT-X-STREAM-INF CODECS, e.g. "avc1.64001f,mp4a.40.2"

	VideoCodec string  `json:"video_codec"`      // ffprobe codec_name: h264, hevc
	Profile    string  `json:"profile"`          // ffprobe profile: High, Main, Constrained Baseline
	Level      int     `json:"level"`            // ffprobe level: 31 = 3.1
	Width      int     `json:"width"`            //
	Height     int     `json:"height"`           //
	FrameRate  string  `json:"frame_rate"`       // r_frame_rate as a fraction: "30/1", "30000/1001"
	PixFmt     string  `json:"pix_fmt"`          // yuv420p
	GOP        int     `json:"gop"`              // frames from one keyframe to the next
	AudioCodec string  `json:"audio_codec"`      // aac; "" when the rendition has no audio
	AudioProf  string  `json:"audio_profile"`    // LC, HE-AAC
	SampleRate int     `json:"sample_rate"`      // Hz
	Channels   int     `json:"channels"`         //
	SegmentDur float64 `json:"segment_duration"` // EXT-X-TARGETDURATION of the media playlist, seconds
	Container  string  `json:"container"`        // "ts" or "fmp4"
}

// Ladder is a stream's renditions, in master playlist order.
type Ladder struct {
	Renditions []Rendition `json:"renditions"`
}
