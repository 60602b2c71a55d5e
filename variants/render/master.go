package render

import (
	"os"
	"path/filepath"
	"strconv"

	"github.com/adstitch/adstitch/variants/probe"
)

// masterName is the variant's master playlist in Job.Out.
const masterName = "master.m3u8"

// writeMaster writes Out/master.m3u8: one EXT-X-STREAM-INF per rendition,
// in ladder order, with what was measured on the files (ffmpeg's own
// master playlist lacks CODECS and guesses BANDWIDTH from settings).
func writeMaster(out string, rs []probe.Rendition, ms []measured) error {
	b := []byte("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n")
	for i, r := range rs {
		m := ms[i]
		b = append(b, "#EXT-X-STREAM-INF:BANDWIDTH="...)
		b = strconv.AppendInt(b, int64(m.bandwidth), 10)
		b = append(b, ",AVERAGE-BANDWIDTH="...)
		b = strconv.AppendInt(b, int64(m.average), 10)
		b = append(b, ",CODECS=\""...)
		b = append(b, m.codecs...)
		b = append(b, '"')
		if r.VideoCodec != "" {
			b = append(b, ",RESOLUTION="...)
			b = strconv.AppendInt(b, int64(r.Width), 10)
			b = append(b, 'x')
			b = strconv.AppendInt(b, int64(r.Height), 10)
			if f, ok := fps(r.FrameRate); ok {
				b = append(b, ",FRAME-RATE="...)
				b = strconv.AppendFloat(b, f, 'f', 3, 64)
			}
		}
		b = append(b, '\n')
		b = append(b, r.URI...)
		b = append(b, '\n')
	}
	return os.WriteFile(filepath.Join(out, masterName), b, 0o644)
}
