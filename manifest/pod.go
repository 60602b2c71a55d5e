package manifest

import (
	"path"
	"strconv"
	"strings"
)

// AdSegment is one segment of an ad rendition, pre-rendered.
type AdSegment struct {
	Duration float64
	URI      string // absolute, where the bytes really are
	ByteLen  int64  // EXT-X-BYTERANGE length, -1 for the whole resource
	ByteOff  int64
	extinf   []byte // "#EXTINF:4.000,\n"
	path     []byte // session-independent tail of our ad-segment URL, with "\n"
}

// AdRendition is one rendition of one ad, compiled once and shared by every
// session that plays it.
type AdRendition struct {
	AdID       string
	CreativeID string
	Rendition  int // index in the ad's master
	Segments   []AdSegment
	Duration   float64
	MaxSegment float64
	mapLine    []byte // "#EXT-X-MAP:…\n" when the ad is fragmented MP4
	drAttrs    []byte // ad ids for EXT-X-DATERANGE: `,X-AD-ID="…",X-CREATIVE-ID="…"`
}

// NewAdRendition compiles an ad's media playlist. Segment k is addressed by
// the URL tail "<adID>/<rendition>/<k><ext>", appended by Stitch after the
// session's prefix and the break's id.
func NewAdRendition(adID, creativeID string, rendition int, m *Media) *AdRendition {
	a := &AdRendition{AdID: adID, CreativeID: creativeID, Rendition: rendition}
	for i := range m.Segments {
		s := &m.Segments[i]
		ext := path.Ext(strings.SplitN(s.URI, "?", 2)[0])
		if len(ext) > 6 || ext == "" {
			ext = ".ts"
		}
		tail := adID + "/" + strconv.Itoa(rendition) + "/" + strconv.Itoa(i) + ext + "\n"
		a.Segments = append(a.Segments, AdSegment{
			Duration: s.Duration,
			URI:      s.URI,
			ByteLen:  s.ByteLen,
			ByteOff:  s.ByteOff,
			extinf:   appendExtinf(nil, s.Duration),
			path:     []byte(tail),
		})
		a.Duration += s.Duration
		a.MaxSegment = max(a.MaxSegment, s.Duration)
		if s.Map != "" && a.mapLine == nil {
			a.mapLine = []byte(s.Map + "\n")
		}
	}
	dr := `,X-AD-ID="` + quoteSafe(adID) + `"`
	if creativeID != "" {
		dr += `,X-CREATIVE-ID="` + quoteSafe(creativeID) + `"`
	}
	a.drAttrs = []byte(dr)
	return a
}

// Fragmented reports whether the ad uses EXT-X-MAP (fMP4 / CMAF).
func (a *AdRendition) Fragmented() bool { return a.mapLine != nil }

func quoteSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '"' || r == '\n' || r == '\r' {
			return '_'
		}
		return r
	}, s)
}

func appendExtinf(dst []byte, d float64) []byte {
	dst = append(dst, "#EXTINF:"...)
	dst = strconv.AppendFloat(dst, d, 'f', 3, 64)
	return append(dst, ",\n"...)
}

// PodItem is one ad (or the slate) in a pod.
type PodItem struct {
	Ad    *AdRendition
	Slate bool // filler: not an ad, no DATERANGE, loops when Count exceeds its segments
	Count int  // segments to play; 0 = all of the ad's segments
}

// duration is how long the item plays: the ad, or Count slate segments.
func (it *PodItem) duration() float64 {
	if !it.Slate || it.Count <= 0 {
		return it.Ad.Duration
	}
	var d float64
	for k := 0; k < it.Count; k++ {
		d += it.Ad.Segments[k%len(it.Ad.Segments)].Duration
	}
	return d
}

// Pod is what one session sees in one break of one rendition, in order.
type Pod struct {
	Items []PodItem
}

// podSeg is one output segment of a pod, produced by podCursor.
type podSeg struct {
	item      int
	seg       *AdSegment
	start     float64 // seconds from the break start
	itemStart float64
	disc      bool // EXT-X-DISCONTINUITY before it
	first     bool // first segment of its item
	index     int  // output index within the pod
	discs     int  // discontinuity tags up to and including this one
}

// podCursor walks a pod's output segments without allocating. An ad that
// does not fit the planned duration is left out whole, never cut. Only when
// a live break ends before its planned duration (an early CUE-IN) is the
// pod cut at the actual end: the segments already shown stay as they were.
// The slate is filler and is cut at segment granularity.
type podCursor struct {
	pod   *Pod
	plan  float64 // planned break duration
	hard  float64 // actual end, <= plan
	item  int
	k     int // segment within the item (counts across slate loops)
	t     float64
	cur   podSeg
	n     int
	discs int
	fresh bool
}

const fitSlack = 0.05 // seconds of rounding tolerated when fitting a break

func newPodCursor(p *Pod, b *Break) podCursor {
	return podCursor{pod: p, plan: b.Duration + fitSlack, hard: b.breakLimit() + fitSlack, fresh: true, cur: podSeg{index: -1}}
}

func (c *podCursor) next() bool {
	if c.pod == nil {
		return false
	}
	for c.item < len(c.pod.Items) {
		it := &c.pod.Items[c.item]
		if it.Ad == nil || len(it.Ad.Segments) == 0 {
			c.item, c.k, c.fresh = c.item+1, 0, true
			continue
		}
		count := it.Count
		if count <= 0 || (!it.Slate && count > len(it.Ad.Segments)) {
			count = len(it.Ad.Segments)
		}
		if c.fresh && !it.Slate && c.t+it.Ad.Duration > c.plan {
			c.item++ // an ad that does not fit is left out, never cut
			continue
		}
		if c.k >= count {
			c.item, c.k, c.fresh = c.item+1, 0, true
			continue
		}
		seg := &it.Ad.Segments[c.k%len(it.Ad.Segments)]
		if c.t+seg.Duration > c.hard {
			c.item = len(c.pod.Items) // the break is full
			return false
		}
		if c.fresh {
			c.cur.itemStart = c.t
		}
		disc := c.fresh || c.k%len(it.Ad.Segments) == 0
		if disc {
			c.discs++
		}
		c.cur = podSeg{item: c.item, seg: seg, start: c.t, itemStart: c.cur.itemStart, disc: disc,
			first: c.fresh, index: c.n, discs: c.discs}
		c.t += seg.Duration
		c.k++
		c.n++
		c.fresh = false
		return true
	}
	return false
}

// layout summarizes what a pod does to a break.
type layout struct {
	segs     int     // output segments of the pod
	end      float64 // seconds the pod lasts
	discs    int     // discontinuity tags inside the pod
	replaced int     // content segments (from StartSeq) the pod replaces
	final    bool    // replaced will not change any more
}

// breakLimit is how many seconds a pod may fill: the planned duration, cut
// to the actual content when the break closed early.
func (b *Break) breakLimit() float64 {
	if b.Closed && !b.Inserted && len(b.Content) > 0 {
		return min(b.Duration, b.coverage())
	}
	return b.Duration
}

func (b *Break) layout(p *Pod) layout {
	var l layout
	c := newPodCursor(p, b)
	for c.next() {
		l.segs++
		l.end = c.t
		l.discs = c.discs
	}
	if b.Inserted || l.segs == 0 {
		l.final = true
		return l
	}
	var off float64
	for _, d := range b.Content {
		if off >= l.end-fitSlack {
			break
		}
		off += d
		l.replaced++
	}
	// Once content past the pod has arrived, the replaced count is settled.
	l.final = b.Closed || l.replaced < len(b.Content)
	return l
}

// resumeDisc is the origin discontinuity flag of the first content segment
// after the pod.
func (b *Break) resumeDisc(l layout) bool {
	if l.replaced < len(b.Disc) {
		return b.Disc[l.replaced]
	}
	return b.ResumeDisc
}

// deltas returns how much a stitched break shifts the media sequence and
// discontinuity sequence numbers of everything after it.
func (b *Break) deltas(l layout) (seq, disc int64) {
	if l.segs == 0 {
		return 0, 0
	}
	seq = int64(l.segs) - int64(l.replaced)
	disc = int64(l.discs) + 1
	for k := 0; k < l.replaced && k < len(b.Disc); k++ {
		if b.Disc[k] {
			disc--
		}
	}
	if b.resumeDisc(l) {
		disc--
	}
	return seq, disc
}
