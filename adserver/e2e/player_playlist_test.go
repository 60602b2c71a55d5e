package e2e

import (
	"bytes"
	"strconv"
)

// vodPlaylist lists segs (under seg/) as one VOD playlist, with an
// EXT-X-DISCONTINUITY where clip a gives way to clip b when disc is set.
func vodPlaylist(segs []string, disc bool) []byte {
	var b bytes.Buffer
	b.WriteString("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n")
	for i, seg := range segs {
		if disc && i == clipLength {
			b.WriteString("#EXT-X-DISCONTINUITY\n")
		}
		b.WriteString("#EXTINF:2.000,\nseg/" + seg + "\n")
	}
	b.WriteString("#EXT-X-ENDLIST\n")
	return b.Bytes()
}

// liveWindow is how many segments the live playlist lists.
const liveWindow = 4

// livePlaylist is the sliding live playlist whose first segment is sn
// first. Segment sn plays clip segment sn mod 6 (a0 a1 a2 b0 b1 b2 a0 …),
// so a discontinuity starts every clipLength segments and segment sn has
// discontinuity sequence sn / clipLength.
func livePlaylist(first int64) []byte {
	var b bytes.Buffer
	b.WriteString("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n")
	b.WriteString("#EXT-X-MEDIA-SEQUENCE:" + strconv.FormatInt(first, 10) + "\n")
	b.WriteString("#EXT-X-DISCONTINUITY-SEQUENCE:" + strconv.FormatInt(first/clipLength, 10) + "\n")
	for sn := first; sn < first+liveWindow; sn++ {
		if sn%clipLength == 0 && sn != first {
			b.WriteString("#EXT-X-DISCONTINUITY\n")
		}
		b.WriteString("#EXTINF:2.000,\nlive/" + strconv.FormatInt(sn, 10) + ".ts\n")
	}
	return b.Bytes()
}
