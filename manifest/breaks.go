package manifest

import (
	"strconv"
	"time"
)

// Break is an ad break (avail) of a media playlist: a run of content
// segments to replace (cue breaks) or a point to insert at (VOD schedule).
type Break struct {
	// ID is stable for the same break across refreshes, renditions and
	// instances; it is URL-safe and feeds the decision (same session + same
	// ID = same pod).
	ID       string
	CueID    string // id carried by the marker (DATERANGE ID, SCTE-35 event id), "" when none
	Dialect  string // tag that opened the break, or "schedule"
	Inserted bool   // VOD schedule break: content is not replaced

	// Window position. First is the first window segment of the break (or
	// the insertion point; len(Segments) for a post-roll). End is one past
	// the last window segment of the break; End == First when inserted.
	First, End int

	StartSeq uint64    // media sequence number of the break's first content segment
	Start    time.Time // date of the break start, zero when unknown
	Duration float64   // planned duration in seconds: what a pod may fill
	Closed   bool      // the break's end is known (CUE-IN or duration reached) or it is inserted

	// Content holds the durations of the break's content segments from
	// StartSeq on, including any that slid out of the window (carried from
	// the previous compile); Disc their EXT-X-DISCONTINUITY flags.
	Content []float64
	Disc    []bool
	// ResumeDisc is the discontinuity flag of the first segment after the
	// break, when known.
	ResumeDisc bool
	// EndSeq is the media sequence number of the first segment after the
	// break when Closed.
	EndSeq uint64

	durationKnown bool // Duration came from a marker, not the default
	carried       bool // began in an earlier window
}

// headTrimmed reports whether the break began before the window.
func (b *Break) headTrimmed(firstSeq uint64) bool { return !b.Inserted && b.StartSeq < firstSeq }

// ScheduleKind is the position of a VOD schedule entry.
type ScheduleKind uint8

const (
	Preroll ScheduleKind = iota
	Midroll
	Postroll
)

// ScheduledBreak is a VOD break inserted by configuration.
type ScheduledBreak struct {
	Kind     ScheduleKind
	Offset   float64 // content seconds, for Midroll
	Duration float64
}

// breakFinder walks the window's segments and their cues.
type breakFinder struct {
	m          *Media
	defaultDur float64
	prev       *Template
	out        []Break
	open       *Break
}

// findBreaks detects cue breaks in m. defaultDur is used when a marker
// carries no duration. prev, the previous compile of the same playlist, lets
// a break that began before this window keep its identity.
func findBreaks(m *Media, defaultDur float64, prev *Template) []Break {
	f := breakFinder{m: m, defaultDur: defaultDur, prev: prev}
	cues := placeCues(m)
	if len(m.Segments) > 0 {
		f.carry(cues[0])
	}
	for i := range m.Segments {
		f.segment(i, cues[i])
	}
	if f.open != nil && len(m.TrailerCues) > 0 {
		for _, c := range m.TrailerCues {
			if c.Kind == CueIn {
				f.closeAt(len(m.Segments))
			}
		}
	}
	if f.open != nil {
		f.open.End = len(m.Segments)
		f.out = append(f.out, *f.open)
		f.open = nil
	}
	return f.out
}

// carry reopens a break of the previous window that covers the first
// segment of this one, unless this window's own markers say otherwise.
func (f *breakFinder) carry(first []Cue) {
	if f.prev == nil {
		return
	}
	seg := &f.m.Segments[0]
	for _, c := range first {
		if c.Kind == CueOut || c.Kind == CueIn {
			return // the window's own markers decide
		}
	}
	pb := f.prev.breakCovering(seg.Seq)
	if pb == nil {
		return
	}
	b := *pb
	k := int(seg.Seq - b.StartSeq)
	b.Content = append([]float64(nil), pb.Content[:min(k, len(pb.Content))]...)
	b.Disc = append([]bool(nil), pb.Disc[:min(k, len(pb.Disc))]...)
	b.First, b.End, b.carried = 0, 0, true
	if b.Closed && b.EndSeq <= seg.Seq {
		return
	}
	b.Closed = false
	f.open = &b
}

func (f *breakFinder) segment(i int, cues []Cue) {
	seg := &f.m.Segments[i]
	for _, c := range cues {
		switch c.Kind {
		case CueOut:
			if f.open != nil {
				if c.ID == "" || c.ID == f.open.CueID || f.open.coverage() == 0 {
					f.fillDuration(c)
					continue // a repeated marker of the same break
				}
				f.closeAt(i)
			}
			f.start(i, c, 0)
		case CueCont:
			if f.open == nil {
				f.start(i, c, c.Elapsed)
			} else {
				f.fillDuration(c)
			}
		case CueIn:
			if f.open != nil {
				f.closeAt(i)
			}
		}
	}
	if f.open == nil {
		return
	}
	// Auto-return: a break with a known duration ends at the segment whose
	// midpoint lies beyond it, when no CUE-IN came first.
	if b := f.open; b.durationKnown && len(b.Content) > 0 && b.coverage()+seg.Duration/2 > b.Duration {
		f.closeAt(i)
		return
	}
	f.open.Content = append(f.open.Content, seg.Duration)
	f.open.Disc = append(f.open.Disc, seg.Discontinuity)
}

func (f *breakFinder) start(i int, c Cue, elapsed float64) {
	seg := &f.m.Segments[i]
	b := &Break{CueID: c.ID, Dialect: c.Dialect, First: i, StartSeq: seg.Seq, Duration: f.defaultDur}
	if c.HasDuration && c.Duration > 0 {
		b.Duration, b.durationKnown = c.Duration, true
	}
	if !seg.PDT.IsZero() {
		b.Start = seg.PDT.Add(-seconds(elapsed))
	}
	if i > 0 {
		elapsed = 0 // content precedes it in the window: it starts here
	}
	if elapsed > 0 {
		// The break began before this window and no earlier compile knows
		// it: estimate its first sequence number from the elapsed time.
		n := uint64(0)
		if avg := avgDuration(f.m.Segments); avg > 0 {
			n = uint64(elapsed/avg + 0.5)
		}
		if n > seg.Seq {
			n = seg.Seq
		}
		b.StartSeq = seg.Seq - n
		for k := uint64(0); k < n; k++ {
			b.Content = append(b.Content, elapsed/float64(n))
			b.Disc = append(b.Disc, false)
		}
	}
	b.ID = breakID(b)
	f.open = b
}

// fillDuration adopts a duration from a later marker of an open break.
func (f *breakFinder) fillDuration(c Cue) {
	if b := f.open; !b.durationKnown && c.HasDuration && c.Duration > 0 {
		b.Duration, b.durationKnown = c.Duration, true
	}
	if f.open.CueID == "" {
		f.open.CueID = c.ID
	}
}

func (f *breakFinder) closeAt(i int) {
	b := f.open
	b.End, b.Closed = i, true
	if i < len(f.m.Segments) {
		b.EndSeq = f.m.Segments[i].Seq
		b.ResumeDisc = f.m.Segments[i].Discontinuity
	} else {
		b.EndSeq = b.StartSeq + uint64(len(b.Content))
	}
	if len(b.Content) > 0 || b.carried {
		f.out = append(f.out, *b)
	}
	f.open = nil
}

// coverage is the content seconds of the break seen so far.
func (b *Break) coverage() float64 {
	var s float64
	for _, d := range b.Content {
		s += d
	}
	return s
}

// breakID derives the stable identifier: the break's start date when the
// playlist has dates (the same in every window and rendition), else its
// first media sequence number.
func breakID(b *Break) string {
	if !b.Start.IsZero() {
		return "t" + strconv.FormatInt(b.Start.Round(time.Second).Unix(), 10)
	}
	return "s" + strconv.FormatUint(b.StartSeq, 10)
}

func avgDuration(segs []Segment) float64 {
	if len(segs) == 0 {
		return 0
	}
	var s float64
	for i := range segs {
		s += segs[i].Duration
	}
	return s / float64(len(segs))
}

// placeCues returns each segment's markers. EXT-X-DATERANGE markers are
// placed by their START-DATE when the playlist has dates (a packager may
// announce a range before it begins); other dialects apply where they stand.
func placeCues(m *Media) [][]Cue {
	out := make([][]Cue, len(m.Segments))
	var ranges []Cue
	for i := range m.Segments {
		for _, c := range m.Segments[i].Cues {
			if c.Dialect == "EXT-X-DATERANGE" && m.HasPDT && !c.Start.IsZero() {
				ranges = append(ranges, c)
				continue
			}
			out[i] = append(out[i], c)
		}
	}
	for _, c := range m.TrailerCues {
		if c.Dialect == "EXT-X-DATERANGE" && m.HasPDT && !c.Start.IsZero() {
			ranges = append(ranges, c)
		}
	}
	for _, c := range ranges {
		placeDateRange(m, out, c)
	}
	return out
}

// placeDateRange maps one SCTE-35 date range onto the window by time.
func placeDateRange(m *Media, out [][]Cue, c Cue) {
	segs := m.Segments
	at := func(t time.Time) int { // first segment whose midpoint is at or after t
		for i := range segs {
			mid := segs[i].PDT.Add(seconds(segs[i].Duration / 2))
			if !mid.Before(t) {
				return i
			}
		}
		return len(segs)
	}
	start := at(c.Start)
	switch c.Kind {
	case CueOut:
		if start == 0 && len(segs) > 0 && segs[0].PDT.After(c.Start.Add(time.Millisecond)) {
			// The range began before the window: enter it mid-way.
			c.Kind, c.Elapsed, c.HasElapsed = CueCont, segs[0].PDT.Sub(c.Start).Seconds(), true
		}
		if start < len(segs) {
			out[start] = append([]Cue{c}, out[start]...)
		}
		if c.HasDuration {
			// The OUT's duration also says where it ends; a later IN with
			// the actual duration may move that.
			end := at(c.Start.Add(seconds(c.Duration)))
			if end < len(segs) && end > start {
				out[end] = append(out[end], Cue{Kind: CueIn, Dialect: c.Dialect, ID: c.ID, Line: c.Line})
			}
		}
	case CueIn:
		if !c.HasDuration {
			if start < len(segs) {
				out[start] = append(out[start], c)
			}
			return
		}
		end := at(c.Start.Add(seconds(c.Duration)))
		if end < len(segs) {
			out[end] = append(out[end], c)
		}
	}
}
