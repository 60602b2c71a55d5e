package demoorigin

import (
	"strconv"
	"time"

	"github.com/adstitch/adstitch/variants/demo"
)

// segmentDuration is the duration of every live segment.
const segmentDuration = demo.SegmentDuration

// LivePlaylist appends the live media playlist of a rendition at instant
// now to dst.
//
// Global segment n spans [Epoch+n·4s, Epoch+(n+1)·4s) and is listed once
// it has ended, so the window holds the last Window complete segments.
// EXT-X-MEDIA-SEQUENCE is the first n listed.
//
// Each loop restarts the VOD timestamps, so an EXT-X-DISCONTINUITY
// precedes every segment with n mod 15 == 0, n = 0 included. RFC 8216
// defines a segment's Discontinuity Sequence Number (§6.2.1) as the
// EXT-X-DISCONTINUITY-SEQUENCE value (§4.3.3.3) plus the
// EXT-X-DISCONTINUITY tags preceding its URI line, its own included, and
// §6.2.2 requires the server to keep that number unchanged for every
// segment still listed when older ones leave. With a tag before segment
// 15k (k ≥ 0) segment n's number is floor(n/15)+1, so
// EXT-X-DISCONTINUITY-SEQUENCE counts the tags that have left the window:
// ceil(first/15). (floor(first/15) would be one short whenever the window
// starts exactly on a loop start, renumbering every listed segment for
// that one reload.)
//
// Only rendition is taken from the request; the caller checks it exists.
func (o *Origin) LivePlaylist(dst []byte, rendition string, cue Dialect, now time.Time) []byte {
	var ended int64 // segments that have ended by now
	if elapsed := now.Sub(o.epoch); elapsed > 0 {
		ended = int64(elapsed / segmentDuration)
	}
	first := max(0, ended-int64(o.window))

	dst = append(dst, "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:"...)
	dst = strconv.AppendInt(dst, int64(segmentDuration/time.Second), 10)
	dst = append(dst, "\n#EXT-X-MEDIA-SEQUENCE:"...)
	dst = strconv.AppendInt(dst, first, 10)
	dst = append(dst, "\n#EXT-X-DISCONTINUITY-SEQUENCE:"...)
	dst = strconv.AppendInt(dst, (first+LoopSegments-1)/LoopSegments, 10)
	dst = append(dst, "\n#EXT-X-INDEPENDENT-SEGMENTS\n"...)

	for n := first; n < ended; n++ {
		pos := int(n % LoopSegments)
		if pos == 0 {
			dst = append(dst, "#EXT-X-DISCONTINUITY\n"...)
		}
		dst = o.appendCue(dst, cue, n, n == first)
		dst = append(dst, "#EXT-X-PROGRAM-DATE-TIME:"...)
		dst = appendDate(dst, o.segmentStart(n))
		dst = append(dst, "\n#EXTINF:"...)
		dst = appendSeconds(dst, segmentDuration)
		dst = append(dst, ",\n../vod/"...)
		dst = append(dst, rendition...)
		dst = append(dst, '/')
		dst = demo.AppendSegmentName(dst, pos)
		dst = append(dst, '\n')
	}
	return dst
}

// segmentStart is the wall-clock start of global segment n.
func (o *Origin) segmentStart(n int64) time.Time {
	return o.epoch.Add(time.Duration(n) * segmentDuration)
}

// appendDate appends t as an ISO 8601 date in UTC with milliseconds.
func appendDate(dst []byte, t time.Time) []byte {
	return t.UTC().AppendFormat(dst, "2006-01-02T15:04:05.000Z07:00")
}

// appendSeconds appends d in seconds with three decimals.
func appendSeconds(dst []byte, d time.Duration) []byte {
	return strconv.AppendFloat(dst, d.Seconds(), 'f', 3, 64)
}
