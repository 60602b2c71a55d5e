package demo

import (
	"strconv"
)

// MasterPlaylist renders the master playlist of a clip: one
// EXT-X-STREAM-INF per variant with what was measured and probed
// (ffmpeg's own master_pl_name output lacks CODECS, AVERAGE-BANDWIDTH and
// FRAME-RATE). Variants are in ladder order, lowest first.
func MasterPlaylist(ladder []Rendition, c *Clip) []byte {
	b := []byte("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n")
	for i, v := range c.Variants {
		r := ladder[i]
		b = append(b, "#EXT-X-STREAM-INF:BANDWIDTH="...)
		b = strconv.AppendInt(b, int64(v.Bandwidth), 10)
		b = append(b, ",AVERAGE-BANDWIDTH="...)
		b = strconv.AppendInt(b, int64(v.AverageBandwidth), 10)
		b = append(b, ",CODECS=\""...)
		b = append(b, v.Codecs...)
		b = append(b, "\",RESOLUTION="...)
		b = strconv.AppendInt(b, int64(r.Width), 10)
		b = append(b, 'x')
		b = strconv.AppendInt(b, int64(r.Height), 10)
		b = append(b, ",FRAME-RATE="...)
		b = strconv.AppendFloat(b, float64(r.FrameRate), 'f', 3, 64)
		b = append(b, '\n')
		b = append(b, v.URI...)
		b = append(b, '\n')
	}
	return b
}
