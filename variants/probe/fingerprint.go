package probe

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// Fingerprint is a stable hash of what a render into l depends on: every
// encoding field and the bandwidth of each rendition, in order, but not
// the URIs (the same ladder served from another host or path renders the
// same files) nor CODECS (which restate profile and level). Frame rates
// are compared as numbers ("60/2" equals "30/1").
func (l Ladder) Fingerprint() string {
	b := []byte("adstitch ladder v1\n")
	for _, r := range l.Renditions {
		rate := r.FrameRate
		if q, ok := parseRate(rate); ok {
			rate = q.RatString()
		}
		for _, f := range []string{
			strconv.Itoa(r.Bandwidth), r.VideoCodec, r.Profile, strconv.Itoa(r.Level),
			strconv.Itoa(r.Width), strconv.Itoa(r.Height), rate, r.PixFmt, strconv.Itoa(r.GOP),
			r.AudioCodec, r.AudioProf, strconv.Itoa(r.SampleRate), strconv.Itoa(r.Channels),
			strconv.FormatFloat(r.SegmentDur, 'g', -1, 64), r.Container,
		} {
			b = strconv.AppendQuote(b, f)
			b = append(b, ' ')
		}
		b = append(b, '\n')
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}
