package manifest

import (
	"sort"
	"strconv"
	"time"
)

// maxHistory bounds the past breaks a live template remembers (a break
// every two minutes is about eight hours).
const maxHistory = 256

// CompileOptions says how to find breaks in a media playlist.
type CompileOptions struct {
	DefaultBreak float64          // seconds, for markers without a duration
	Schedule     []ScheduledBreak // VOD breaks to insert (ignored for live playlists)
}

// Template is a media playlist compiled once for every viewer: the bytes of
// each content segment pre-rendered, the breaks found, and (for live) the
// breaks that already slid out of the window. It is immutable.
type Template struct {
	version   int
	target    int
	firstSeq  uint64
	firstDisc uint64
	endList   bool
	hasPDT    bool
	vodClock  bool   // dates follow the stitched output (VOD), not the origin
	headTail  []byte // playlist type and other header lines
	trailer   []byte
	buf       []byte
	segs      []segBytes
	info      []Segment // Tags/Cues dropped; the numbers and dates
	breaks    []Break
	history   []Break
	warnings  int
}

// segBytes locates one content segment's pre-rendered lines in buf:
// [disc][key/map][date][rest], where rest is the other tags, EXTINF,
// BYTERANGE and URI.
type segBytes struct {
	start, keymap, pdt, rest, end int
}

// Compile prepares m for stitching. prev is the previous compile of the same
// live playlist URL (nil for none): breaks that began in an earlier window
// keep their identity, and breaks that slid out are remembered so sequence
// numbers stay consistent.
func Compile(m *Media, opts CompileOptions, prev *Template) *Template {
	t := &Template{
		version: max(m.Version, 3), target: m.TargetDuration, endList: m.EndList,
		hasPDT: m.HasPDT, warnings: len(m.Warnings),
	}
	// A valid EXT-X-TARGETDURATION even when the origin's is missing or too
	// small: every EXTINF rounded must fit it (RFC 8216 §4.3.3.1).
	for i := range m.Segments {
		t.target = max(t.target, int(m.Segments[i].Duration+0.5))
	}
	t.target = max(t.target, 1)
	if len(m.Segments) > 0 {
		t.firstSeq, t.firstDisc = m.Segments[0].Seq, m.Segments[0].DiscSeq
	} else {
		t.firstSeq, t.firstDisc = m.MediaSequence, m.DiscontinuitySequence
	}
	vod := m.EndList || m.PlaylistType == "VOD"
	if prev != nil && (vod || t.firstSeq < prev.firstSeq) {
		prev = nil // a VOD has no past; a sequence that went back is a restarted origin
	}
	t.renderHeader(m)
	t.renderSegments(m)
	t.breaks = findBreaks(m, opts.DefaultBreak, prev)
	if vod && len(opts.Schedule) > 0 {
		t.insertSchedule(m, opts.Schedule)
	}
	t.vodClock = vod
	if prev != nil {
		t.history = prev.pastBreaks(t)
	}
	return t
}

func (t *Template) renderHeader(m *Media) {
	var b []byte
	if m.PlaylistType != "" {
		b = append(b, "#EXT-X-PLAYLIST-TYPE:"...)
		b = append(b, m.PlaylistType...)
		b = append(b, '\n')
	}
	if m.IFramesOnly {
		b = append(b, "#EXT-X-I-FRAMES-ONLY\n"...)
	}
	for _, h := range m.Header {
		b = append(b, h...)
		b = append(b, '\n')
	}
	t.headTail = b
	var tr []byte
	for _, l := range m.Trailer {
		tr = append(tr, l...)
		tr = append(tr, '\n')
	}
	if m.EndList {
		tr = append(tr, "#EXT-X-ENDLIST\n"...)
	}
	t.trailer = tr
}

func (t *Template) renderSegments(m *Media) {
	t.segs = make([]segBytes, len(m.Segments))
	t.info = make([]Segment, len(m.Segments))
	b := make([]byte, 0, 160*len(m.Segments))
	for i := range m.Segments {
		s := &m.Segments[i]
		sb := segBytes{start: len(b)}
		if s.Discontinuity {
			b = append(b, "#EXT-X-DISCONTINUITY\n"...)
		}
		sb.keymap = len(b)
		if s.KeyChanged {
			if s.Key == "" {
				b = append(b, "#EXT-X-KEY:METHOD=NONE\n"...)
			} else {
				b = append(b, s.Key...)
				b = append(b, '\n')
			}
		}
		if s.MapChanged && s.Map != "" {
			b = append(b, s.Map...)
			b = append(b, '\n')
		}
		sb.pdt = len(b)
		if s.PDTExplicit {
			b = appendPDT(b, s.PDT)
		}
		sb.rest = len(b)
		for _, tag := range s.Tags {
			b = append(b, tag...)
			b = append(b, '\n')
		}
		if s.Gap {
			b = append(b, "#EXT-X-GAP\n"...)
		}
		b = appendExtinf(b, s.Duration)
		if s.Title != "" {
			b = b[:len(b)-1]
			b = append(b, s.Title...)
			b = append(b, '\n')
		}
		if s.ByteLen >= 0 {
			b = append(b, "#EXT-X-BYTERANGE:"...)
			b = strconv.AppendInt(b, s.ByteLen, 10)
			b = append(b, '@')
			b = strconv.AppendInt(b, s.ByteOff, 10)
			b = append(b, '\n')
		}
		b = append(b, s.URI...)
		b = append(b, '\n')
		sb.end = len(b)
		t.segs[i] = sb
		info := *s
		info.Tags, info.Cues = nil, nil
		t.info[i] = info
	}
	t.buf = b
}

// insertSchedule adds the configured VOD breaks at segment boundaries.
func (t *Template) insertSchedule(m *Media, sched []ScheduledBreak) {
	var offsets []float64 // start offset of each segment
	var total float64
	for i := range m.Segments {
		offsets = append(offsets, total)
		total += m.Segments[i].Duration
	}
	for _, s := range sched {
		b := Break{Inserted: true, Closed: true, Dialect: "schedule", Duration: s.Duration}
		switch s.Kind {
		case Preroll:
			b.First, b.ID = 0, "pre"
		case Postroll:
			b.First, b.ID = len(m.Segments), "post"
		default:
			idx := sort.SearchFloat64s(offsets, s.Offset-fitSlack)
			if idx == 0 || idx >= len(m.Segments) || t.insideCueBreak(idx) {
				continue // not a midroll: at the edges or inside a marked break
			}
			b.First, b.ID = idx, "m"+strconv.FormatInt(int64(s.Offset*1000+0.5), 10)
		}
		b.End = b.First
		if b.First < len(m.Segments) {
			b.StartSeq = m.Segments[b.First].Seq
			b.ResumeDisc = m.Segments[b.First].Discontinuity
		} else if len(m.Segments) > 0 {
			b.StartSeq = m.Segments[len(m.Segments)-1].Seq + 1
		}
		t.breaks = append(t.breaks, b)
	}
	sort.SliceStable(t.breaks, func(i, j int) bool {
		bi, bj := &t.breaks[i], &t.breaks[j]
		if bi.First != bj.First {
			return bi.First < bj.First
		}
		return bi.Inserted && !bj.Inserted
	})
	// Drop duplicate insertion points (two schedule entries on one boundary).
	out := t.breaks[:0]
	for i := range t.breaks {
		if i > 0 && t.breaks[i].Inserted && t.breaks[i-1].Inserted && t.breaks[i].First == t.breaks[i-1].First {
			continue
		}
		out = append(out, t.breaks[i])
	}
	t.breaks = out
}

func (t *Template) insideCueBreak(idx int) bool {
	for i := range t.breaks {
		b := &t.breaks[i]
		if !b.Inserted && idx >= b.First && idx <= b.End {
			return true
		}
	}
	return false
}

// breakCovering finds the break (in the window or remembered) that contains
// media sequence number seq.
func (t *Template) breakCovering(seq uint64) *Break {
	for _, list := range [][]Break{t.breaks, t.history} {
		for i := range list {
			b := &list[i]
			if b.Inserted || b.StartSeq > seq {
				continue
			}
			if !b.Closed || b.EndSeq > seq {
				return b
			}
		}
	}
	return nil
}

// pastBreaks is the history the next template inherits: what this one
// remembered plus its window breaks that are no longer in next's window.
func (t *Template) pastBreaks(next *Template) []Break {
	inNext := func(id string) bool {
		for i := range next.breaks {
			if next.breaks[i].ID == id {
				return true
			}
		}
		return false
	}
	h := append([]Break(nil), t.history...)
	for i := range t.breaks {
		b := t.breaks[i]
		if b.Inserted || inNext(b.ID) {
			continue
		}
		if !b.Closed {
			// It closed between the two windows.
			b.Closed, b.EndSeq = true, next.firstSeq
			if len(next.info) > 0 {
				b.ResumeDisc = next.info[0].Discontinuity
			}
		}
		b.First, b.End = -1, -1
		h = append(h, b)
	}
	if len(h) > maxHistory {
		h = h[len(h)-maxHistory:]
	}
	return h
}

// Breaks returns the breaks of the window, in order. Callers must not modify them.
func (t *Template) Breaks() []Break { return t.breaks }

// History returns the remembered breaks that slid out of a live window, oldest first.
func (t *Template) History() []Break { return t.history }

// TargetDuration is the playlist's EXT-X-TARGETDURATION. Ads whose segments
// round above it cannot be stitched without breaking live playback.
func (t *Template) TargetDuration() int { return t.target }

// Live reports whether the playlist is a live (or event) window.
func (t *Template) Live() bool { return !t.vodClock }

// Warnings is the number of per-line problems the parse tolerated.
func (t *Template) Warnings() int { return t.warnings }

// Segments returns the window's segments (numbers, durations, dates, URIs).
func (t *Template) Segments() []Segment { return t.info }

const pdtLayout = "2006-01-02T15:04:05.000Z07:00"

func appendPDT(dst []byte, t time.Time) []byte {
	dst = append(dst, "#EXT-X-PROGRAM-DATE-TIME:"...)
	dst = t.UTC().AppendFormat(dst, pdtLayout)
	return append(dst, '\n')
}
