package manifest

import (
	"strconv"
	"time"
)

// Plan is what one request personalizes: a pod per break (nil = leave the
// break's content as it is), and where ad segments are fetched.
type Plan struct {
	Pods     []*Pod // aligned with Template.Breaks()
	PastPods []*Pod // aligned with Template.History(); nil for breaks the session never saw
	AdPrefix []byte // URL prefix of ad segments, e.g. "/v1/s/<token>/a/"; the break id follows
	// Epoch dates the output when a VOD playlist has no EXT-X-PROGRAM-DATE-TIME
	// (the session start, so every refresh dates alike).
	Epoch time.Time
	// DateRangeClass is the CLASS of the EXT-X-DATERANGE written per ad.
	DateRangeClass string
}

// DefaultDateRangeClass marks inserted ads.
const DefaultDateRangeClass = "com.adstitch.ad"

// Append writes the personalized playlist for p after dst and returns the
// extended slice. It does not allocate beyond growing dst.
func (t *Template) Append(dst []byte, p *Plan) []byte {
	var w stitchWalk
	w.init(t, p)
	w.dry = true
	w.run(nil)
	seq, disc := w.firstSeq, w.firstDisc
	if w.firstTagged {
		disc-- // the header counts the tags before the first segment's own
	}

	dst = append(dst, "#EXTM3U\n#EXT-X-VERSION:"...)
	dst = strconv.AppendInt(dst, int64(t.version), 10)
	dst = append(dst, "\n#EXT-X-TARGETDURATION:"...)
	dst = strconv.AppendInt(dst, int64(t.target), 10)
	dst = append(dst, "\n#EXT-X-MEDIA-SEQUENCE:"...)
	dst = strconv.AppendUint(dst, seq, 10)
	dst = append(dst, "\n#EXT-X-DISCONTINUITY-SEQUENCE:"...)
	dst = strconv.AppendUint(dst, disc, 10)
	dst = append(dst, '\n')
	dst = append(dst, t.headTail...)

	w = stitchWalk{}
	w.init(t, p)
	dst = w.run(dst)
	return append(dst, t.trailer...)
}

// Counts reports the EXT-X-MEDIA-SEQUENCE and EXT-X-DISCONTINUITY-SEQUENCE
// Append would write, and the number of segments.
func (t *Template) Counts(p *Plan) (firstSeq, firstDisc uint64, segments int) {
	var w stitchWalk
	w.count = true
	w.init(t, p)
	w.run(nil)
	disc := w.firstDisc
	if w.firstTagged {
		disc--
	}
	return w.firstSeq, disc, w.emitted
}

// stitchWalk walks the window in output order, numbering every output
// segment. With dry set it stops at the first one (for the header).
type stitchWalk struct {
	t     *Template
	p     *Plan
	dry   bool
	count bool

	seqDelta, discDelta int64
	started             bool
	firstSeq, firstDisc uint64 // of the first segment written, its own tag counted
	firstTagged         bool   // the first segment written carries EXT-X-DISCONTINUITY
	emitted             int
	resume              bool    // the next content segment follows a pod
	offset              float64 // seconds of output written so far
	onItem              func(AvailAd)
	clock               time.Time // VOD: date of the next output segment
	done                bool
}

func (w *stitchWalk) init(t *Template, p *Plan) {
	*w = stitchWalk{t: t, p: p, dry: w.dry, count: w.count, onItem: w.onItem}
	for i := range t.history {
		pod := podAt(p.PastPods, i)
		if pod == nil {
			continue
		}
		b := &t.history[i]
		s, d := b.deltas(b.layout(pod))
		w.seqDelta += s
		w.discDelta += d
	}
	if t.vodClock {
		switch {
		case len(t.info) > 0 && !t.info[0].PDT.IsZero():
			w.clock = t.info[0].PDT
		default:
			w.clock = p.Epoch
		}
	}
}

func podAt(pods []*Pod, i int) *Pod {
	if i < len(pods) {
		return pods[i]
	}
	return nil
}

// dated reports whether the output carries EXT-X-PROGRAM-DATE-TIME.
func (w *stitchWalk) dated() bool {
	return w.t.hasPDT || (w.t.vodClock && !w.p.Epoch.IsZero())
}

func (w *stitchWalk) mark(seq, disc uint64, tagged bool) {
	if !w.started {
		w.started = true
		w.firstSeq, w.firstDisc, w.firstTagged = seq, disc, tagged
		if w.dry {
			w.done = true
		}
	}
	w.emitted++
}

func (w *stitchWalk) run(dst []byte) []byte {
	t := w.t
	bi := 0
	for i := 0; i <= len(t.segs) && !w.done; {
		advanced := false
		for bi < len(t.breaks) && t.breaks[bi].First == i && !w.done {
			var next int
			dst, next = w.stitchBreak(dst, bi, i)
			bi++
			if next > i {
				i, advanced = next, true
				break
			}
		}
		if advanced {
			continue
		}
		if i == len(t.segs) || w.done {
			break
		}
		dst = w.content(dst, i)
		i++
	}
	if !w.started {
		w.firstSeq = uint64(int64(t.firstSeq) + w.seqDelta)
		w.firstDisc = uint64(int64(t.firstDisc) + w.discDelta)
	}
	return dst
}

// content writes window segment i as the origin had it, renumbered.
func (w *stitchWalk) content(dst []byte, i int) []byte {
	t := w.t
	s := &t.info[i]
	w.mark(uint64(int64(s.Seq)+w.seqDelta), uint64(int64(s.DiscSeq)+w.discDelta), w.resume || s.Discontinuity)
	w.offset += s.Duration
	if w.dry || w.count {
		w.clock = w.clock.Add(seconds(s.Duration))
		return dst
	}
	sb := t.segs[i]
	switch {
	case w.resume:
		// After a pod: a discontinuity, the encryption and init section in
		// effect, and the date, whatever the origin wrote here.
		w.resume = false
		dst = append(dst, "#EXT-X-DISCONTINUITY\n"...)
		if s.Key != "" {
			dst = append(dst, s.Key...)
			dst = append(dst, '\n')
		}
		if s.Map != "" {
			dst = append(dst, s.Map...)
			dst = append(dst, '\n')
		}
		if w.dated() {
			dst = appendPDT(dst, w.contentDate(s))
		}
		dst = append(dst, t.buf[sb.rest:sb.end]...)
	case w.t.vodClock && (sb.pdt != sb.rest || (i == 0 && w.dated() && !t.hasPDT)):
		// VOD dates follow the stitched timeline.
		dst = append(dst, t.buf[sb.start:sb.pdt]...)
		dst = appendPDT(dst, w.clock)
		dst = append(dst, t.buf[sb.rest:sb.end]...)
	default:
		dst = append(dst, t.buf[sb.start:sb.end]...)
	}
	w.clock = w.clock.Add(seconds(s.Duration))
	return dst
}

func (w *stitchWalk) contentDate(s *Segment) time.Time {
	if w.t.vodClock {
		return w.clock
	}
	return s.PDT
}

// stitchBreak writes the pod of break bi, which starts at window index i,
// and returns the index of the next window segment to write.
func (w *stitchWalk) stitchBreak(dst []byte, bi, i int) ([]byte, int) {
	t := w.t
	b := &t.breaks[bi]
	pod := podAt(w.p.Pods, bi)
	if pod == nil {
		return dst, i
	}
	l := b.layout(pod)
	if l.segs == 0 {
		return dst, i
	}
	// Where the window starts inside the break, how much of it slid out.
	var slid float64
	var slidCount int
	if b.headTrimmed(t.firstSeq) {
		slidCount = int(t.firstSeq - b.StartSeq)
		for k := 0; k < slidCount && k < len(b.Content); k++ {
			slid += b.Content[k]
		}
	}
	// An open break reveals pod segments only as far as its content has
	// arrived, so the stitched window never runs ahead of the live edge.
	reveal := l.end + 1
	if !b.Closed && !b.Inserted && !l.final {
		reveal = b.coverage()
	}
	// The number and date just before the break, in output terms.
	baseSeq := int64(b.StartSeq) + w.seqDelta
	var prevDisc int64
	switch {
	case b.Inserted && i < len(t.info):
		prevDisc = int64(t.info[i].DiscSeq)
		if t.info[i].Discontinuity {
			prevDisc--
		}
	case b.Inserted && i > 0:
		prevDisc = int64(t.info[i-1].DiscSeq)
	case b.Inserted:
		prevDisc = int64(t.firstDisc)
	default:
		first := i
		prevDisc = int64(t.info[first].DiscSeq)
		for k := 0; k <= slidCount+(first-b.First) && k < len(b.Disc); k++ {
			if b.Disc[k] {
				prevDisc--
			}
		}
	}
	prevDisc += w.discDelta
	start := b.Start
	if t.vodClock {
		start = w.clock
	}

	c := newPodCursor(pod, b)
	itemVisible := -1
	for c.next() {
		ps := &c.cur
		if ps.start+ps.seg.Duration <= slid+fitSlack && slid > 0 {
			continue // slid out of the window
		}
		if ps.start+ps.seg.Duration > reveal+fitSlack {
			break
		}
		w.mark(uint64(baseSeq+int64(ps.index)), uint64(prevDisc+int64(ps.discs)), ps.disc)
		if w.dry {
			return dst, i
		}
		if w.onItem != nil && itemVisible != ps.item {
			it := &pod.Items[ps.item]
			w.onItem(AvailAd{
				BreakID: b.ID, Position: ps.item, Ad: it.Ad, Slate: it.Slate,
				Offset: w.offset - (ps.start - ps.itemStart), Date: start.Add(seconds(ps.itemStart)),
				Duration: it.duration(), Dated: w.dated(),
			})
		}
		w.offset += ps.seg.Duration
		if !w.count {
			dst = w.podSegment(dst, b, pod, ps, start, itemVisible != ps.item)
		}
		itemVisible = ps.item
		if t.vodClock {
			w.clock = start.Add(seconds(ps.start + ps.seg.Duration))
		}
	}
	next := i
	if !b.Inserted {
		// Skip the content the pod replaced.
		next = b.First + max(l.replaced-slidCount, 0)
		if next > b.End {
			next = b.End
		}
	}
	if l.final {
		s, d := b.deltas(l)
		w.seqDelta += s
		w.discDelta += d
		w.resume = true
	}
	// next == i when the replaced content already slid out of the window:
	// segment i is kept content and the caller writes it.
	return dst, next
}

// podSegment writes one ad or slate segment.
func (w *stitchWalk) podSegment(dst []byte, b *Break, pod *Pod, ps *podSeg, start time.Time, firstVisible bool) []byte {
	it := &pod.Items[ps.item]
	if ps.disc || firstVisible {
		if ps.disc {
			dst = append(dst, "#EXT-X-DISCONTINUITY\n"...)
		}
		if ps.first || firstVisible {
			if w.keyed(b) {
				dst = append(dst, "#EXT-X-KEY:METHOD=NONE\n"...)
			}
			dst = append(dst, it.Ad.mapLine...)
		}
		if w.dated() {
			dst = appendPDT(dst, start.Add(seconds(ps.start)))
			if !it.Slate && (ps.first || firstVisible) {
				dst = w.dateRange(dst, b, it, ps, start)
			}
		}
	}
	dst = append(dst, ps.seg.extinf...)
	dst = append(dst, w.p.AdPrefix...)
	dst = append(dst, b.ID...)
	dst = append(dst, '/')
	dst = strconv.AppendInt(dst, int64(ps.item), 10)
	dst = append(dst, '/')
	return append(dst, ps.seg.path...)
}

// keyed reports whether content around the break is encrypted, so ads must
// switch encryption off explicitly.
func (w *stitchWalk) keyed(b *Break) bool {
	t := w.t
	i := b.First
	if i >= len(t.info) {
		i = len(t.info) - 1
	}
	return i >= 0 && t.info[i].Key != ""
}

// dateRange writes the EXT-X-DATERANGE announcing one inserted ad.
func (w *stitchWalk) dateRange(dst []byte, b *Break, it *PodItem, ps *podSeg, start time.Time) []byte {
	class := w.p.DateRangeClass
	if class == "" {
		class = DefaultDateRangeClass
	}
	dst = append(dst, `#EXT-X-DATERANGE:ID="`...)
	dst = append(dst, b.ID...)
	dst = append(dst, '-')
	dst = strconv.AppendInt(dst, int64(ps.item), 10)
	dst = append(dst, `",CLASS="`...)
	dst = append(dst, class...)
	dst = append(dst, `",START-DATE="`...)
	dst = start.Add(seconds(ps.itemStart)).UTC().AppendFormat(dst, pdtLayout)
	dst = append(dst, `",DURATION=`...)
	dst = strconv.AppendFloat(dst, it.duration(), 'f', 3, 64)
	dst = append(dst, it.Ad.drAttrs...)
	dst = append(dst, `,X-BREAK-ID="`...)
	dst = append(dst, b.ID...)
	dst = append(dst, `",X-POD-POSITION=`...)
	dst = strconv.AppendInt(dst, int64(ps.item), 10)
	return append(dst, '\n')
}

// AvailAd is one ad (or slate) as it appears in a stitched playlist.
type AvailAd struct {
	BreakID  string
	Position int
	Ad       *AdRendition
	Slate    bool
	Offset   float64   // seconds from the start of the playlist window
	Date     time.Time // program date, when Dated
	Dated    bool
	Duration float64
}

// Ads lists the ads a plan stitches into the window, in playlist order,
// for the tracking API. It allocates; it is not for the playlist path.
func (t *Template) Ads(p *Plan) []AvailAd {
	var out []AvailAd
	var w stitchWalk
	w.count = true
	w.onItem = func(a AvailAd) { out = append(out, a) }
	w.init(t, p)
	w.run(nil)
	return out
}
