package adserver

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// liveShape is a synthetic live origin: segments of segDur, a window of
// window segments, and a break of breakLen segments starting at every
// segment n with n % every == offset, signalled in one dialect.
type liveShape struct {
	name                    string
	segDur                  time.Duration
	window                  int
	every, offset, breakLen int64
	dialect                 string // cueout, cueout-bare (no duration), adobe
	signalled               time.Duration
	noPDT                   bool
	pdtOnce                 bool // a date on the window's first segment only
	discs                   bool // the origin's own discontinuities at both edges of a break
}

// before counts the segments n < first with n ≡ start (mod every), n ≥ start.
func (s liveShape) before(first, start int64) int64 {
	if first <= start {
		return 0
	}
	return (first - start + s.every - 1) / s.every
}

var liveEpoch = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// playlist renders rendition r at now: segment n spans
// [epoch+n·segDur, epoch+(n+1)·segDur) and is listed once it has ended.
func (s liveShape) playlist(r string, now time.Time) string {
	ended := int64(now.Sub(liveEpoch) / s.segDur)
	first := max(0, ended-int64(s.window))
	var b strings.Builder
	fmt.Fprintf(&b, "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:%d\n#EXT-X-MEDIA-SEQUENCE:%d\n",
		int((s.segDur+time.Second/2)/time.Second), first)
	if s.discs {
		fmt.Fprintf(&b, "#EXT-X-DISCONTINUITY-SEQUENCE:%d\n", s.before(first, s.offset)+s.before(first, s.offset+s.breakLen))
	}
	secs := s.segDur.Seconds()
	for n := first; n < ended; n++ {
		pos := (n - s.offset) % s.every
		if n < s.offset {
			pos = -1
		}
		d := s.signalled.Seconds()
		switch {
		case pos == 0:
			switch s.dialect {
			case "cueout":
				fmt.Fprintf(&b, "#EXT-X-CUE-OUT:DURATION=%.3f\n", d)
			case "cueout-bare":
				b.WriteString("#EXT-X-CUE-OUT\n")
			case "adobe":
				fmt.Fprintf(&b, "#EXT-X-SCTE35:CUE-OUT=YES,ID=\"b%d\",DURATION=%.3f\n", n, d)
			}
		case pos > 0 && pos < s.breakLen:
			switch s.dialect {
			case "cueout":
				fmt.Fprintf(&b, "#EXT-X-CUE-OUT-CONT:ElapsedTime=%.3f,Duration=%.3f\n", float64(pos)*secs, d)
			case "adobe":
				fmt.Fprintf(&b, "#EXT-X-SCTE35:CUE-OUT=CONT,ID=\"b%d\",ELAPSED=%.3f,DURATION=%.3f\n", n-pos, float64(pos)*secs, d)
			}
		case pos == s.breakLen:
			switch s.dialect {
			case "adobe":
				fmt.Fprintf(&b, "#EXT-X-SCTE35:CUE-IN=YES,ID=\"b%d\"\n", n-pos)
			default:
				b.WriteString("#EXT-X-CUE-IN\n")
			}
		}
		if s.discs && (pos == 0 || pos == s.breakLen) {
			b.WriteString("#EXT-X-DISCONTINUITY\n")
		}
		if !s.noPDT && (!s.pdtOnce || n == first) {
			b.WriteString("#EXT-X-PROGRAM-DATE-TIME:")
			b.WriteString(liveEpoch.Add(time.Duration(n) * s.segDur).Format("2006-01-02T15:04:05.000Z07:00"))
			b.WriteByte('\n')
		}
		b.WriteString("#EXTINF:" + strconv.FormatFloat(secs, 'f', 3, 64) + ",\n")
		fmt.Fprintf(&b, "%s_%d.ts\n", r, n)
	}
	return b.String()
}

// Live origins unlike the demo's: other segment lengths, windows shorter
// than a break, breaks back to back, breaks without a signalled duration,
// without dates, or whose signalled duration is not a whole number of
// segments. The numbering rules hold the same.
func TestLiveReloadsKeepNumberingAcrossShapes(t *testing.T) {
	shapes := []liveShape{
		{name: "6.006s segments", segDur: 6006 * time.Millisecond, window: 5, every: 20, offset: 7, breakLen: 5, dialect: "cueout", signalled: 30030 * time.Millisecond},
		{name: "break longer than the window", segDur: 4 * time.Second, window: 3, every: 20, offset: 4, breakLen: 10, dialect: "cueout", signalled: 40 * time.Second},
		{name: "no duration signalled", segDur: 4 * time.Second, window: 8, every: 15, offset: 5, breakLen: 5, dialect: "cueout-bare"},
		{name: "no dates", segDur: 4 * time.Second, window: 6, every: 15, offset: 3, breakLen: 5, dialect: "cueout", signalled: 20 * time.Second, noPDT: true},
		{name: "back to back", segDur: 4 * time.Second, window: 10, every: 6, offset: 2, breakLen: 3, dialect: "adobe", signalled: 12 * time.Second},
		{name: "duration between segments", segDur: 4 * time.Second, window: 8, every: 15, offset: 5, breakLen: 6, dialect: "cueout", signalled: 22 * time.Second},
		{name: "date on the first segment only", segDur: 4 * time.Second, window: 8, every: 15, offset: 5, breakLen: 5, dialect: "cueout", signalled: 20 * time.Second, pdtOnce: true},
		{name: "origin discontinuities at the edges", segDur: 4 * time.Second, window: 8, every: 15, offset: 5, breakLen: 5, dialect: "cueout", signalled: 20 * time.Second, discs: true},
		{name: "2s segments", segDur: 2 * time.Second, window: 15, every: 30, offset: 10, breakLen: 8, dialect: "adobe", signalled: 16 * time.Second},
	}
	for _, sh := range shapes {
		cycle := time.Duration(sh.every) * sh.segDur
		for _, at := range []float64{0, 0.3, 0.55, 0.8} {
			for _, step := range []time.Duration{1300 * time.Millisecond, sh.segDur * 9 / 10, 7 * time.Second} {
				start := time.Duration(at * float64(cycle))
				t.Run(fmt.Sprintf("%s/start=%v/step=%v", sh.name, start, step), func(t *testing.T) {
					t.Parallel()
					t0 := liveEpoch.Add(100*cycle + start)
					checkLiveReloads(t, sh.playlist, t0, step, 4*cycle, 20*time.Second, 2)
				})
			}
		}
	}
}
