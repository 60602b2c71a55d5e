package manifest

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Media is a parsed media playlist. Segment URIs are absolute.
type Media struct {
	URL                   string
	Version               int
	TargetDuration        int
	MediaSequence         uint64
	DiscontinuitySequence uint64
	PlaylistType          string // "VOD", "EVENT" or ""
	EndList               bool
	IFramesOnly           bool
	HasPDT                bool     // at least one EXT-X-PROGRAM-DATE-TIME
	Header                []string // other header lines, verbatim, in order
	Segments              []Segment
	Trailer               []string // tag lines after the last segment (kept verbatim)
	TrailerCues           []Cue    // markers after the last segment (a break ends at the end)
	Warnings              []error  // per-line problems that did not stop the parse (counted, not hidden)
}

// Segment is one media segment with everything that applies to it.
type Segment struct {
	Seq           uint64 // media sequence number
	DiscSeq       uint64 // discontinuity sequence number (its own tag counted)
	Duration      float64
	Title         string
	URI           string // absolute
	ByteLen       int64  // EXT-X-BYTERANGE length, -1 when none
	ByteOff       int64  // resolved offset (explicit or implied)
	Discontinuity bool
	Gap           bool
	PDT           time.Time // explicit or extrapolated; zero when the playlist has none
	PDTExplicit   bool
	Key           string   // the EXT-X-KEY line(s) in effect, absolute URIs, "" for none
	Map           string   // the EXT-X-MAP line in effect, absolute URI, "" for none
	KeyChanged    bool     // a KEY tag precedes this segment
	MapChanged    bool     // a MAP tag precedes this segment
	Tags          []string // other tag lines preceding the segment (DATERANGE, BITRATE, unknown), verbatim
	Cues          []Cue
	Line          int
}

// Start offset helpers.
func (s *Segment) End() time.Time { return s.PDT.Add(seconds(s.Duration)) }

func seconds(f float64) time.Duration { return time.Duration(math.Round(f * 1e9)) }

// ParseMedia parses a media playlist fetched from base.
func ParseMedia(data []byte, base string) (*Media, error) {
	baseURL, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("base url %q: %w", base, err)
	}
	p := mediaParser{m: &Media{URL: base}, base: baseURL, s: newScanner(data)}
	return p.parse()
}

type mediaParser struct {
	m    *Media
	base *url.URL
	s    *scanner

	seg       Segment // the segment being assembled
	inSegment bool    // any segment tag seen since the last URI
	key, mapL string
	nextOff   int64
	lastURI   string
	seenTD    bool
	seenMS    bool
}

func (p *mediaParser) parse() (*Media, error) {
	first, ok, err := p.s.next()
	if err != nil {
		return nil, err
	}
	if !ok || first != "#EXTM3U" {
		return nil, ErrNotPlaylist
	}
	p.seg.ByteLen = -1
	for {
		line, ok, err := p.s.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		if err := p.line(line); err != nil {
			return nil, err
		}
	}
	return p.finish()
}

func (p *mediaParser) line(line string) error {
	m := p.m
	if !strings.HasPrefix(line, "#") {
		return p.uri(line)
	}
	if !strings.HasPrefix(line, "#EXT") {
		return nil // comment
	}
	name, value := splitTag(line)
	ln := p.s.line
	switch name {
	case "EXTM3U":
		return nil
	case "EXT-X-VERSION":
		v, err := strconv.Atoi(value)
		if err != nil || v < 1 || v > 100 {
			return lineErr(ln, name, "bad version %q", value)
		}
		m.Version = v
	case "EXT-X-TARGETDURATION":
		v, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil || v < 0 || v > maxDuration {
			return lineErr(ln, name, "bad target duration %q", value)
		}
		m.TargetDuration, p.seenTD = v, true
	case "EXT-X-MEDIA-SEQUENCE":
		v, err := strconv.ParseUint(strings.TrimSpace(value), 10, 63)
		if err != nil {
			return lineErr(ln, name, "bad media sequence %q", value)
		}
		m.MediaSequence, p.seenMS = v, true
	case "EXT-X-DISCONTINUITY-SEQUENCE":
		v, err := strconv.ParseUint(strings.TrimSpace(value), 10, 63)
		if err != nil {
			return lineErr(ln, name, "bad discontinuity sequence %q", value)
		}
		m.DiscontinuitySequence = v
	case "EXT-X-PLAYLIST-TYPE":
		m.PlaylistType = strings.TrimSpace(value)
	case "EXT-X-ENDLIST":
		m.EndList = true
	case "EXT-X-I-FRAMES-ONLY":
		m.IFramesOnly = true
	case "EXT-X-INDEPENDENT-SEGMENTS", "EXT-X-START", "EXT-X-DEFINE":
		m.Header = append(m.Header, line)
	case "EXT-X-SERVER-CONTROL", "EXT-X-PART-INF", "EXT-X-PART", "EXT-X-PRELOAD-HINT",
		"EXT-X-RENDITION-REPORT", "EXT-X-SKIP":
		// Low-latency HLS: we serve whole-segment playlists without blocking
		// reload, so these would promise what our URLs cannot do.
	case "EXTINF":
		return p.extinf(value, ln)
	case "EXT-X-BYTERANGE":
		return p.byteRange(value, ln)
	case "EXT-X-DISCONTINUITY":
		p.seg.Discontinuity, p.inSegment = true, true
	case "EXT-X-GAP":
		p.seg.Gap, p.inSegment = true, true
	case "EXT-X-PROGRAM-DATE-TIME":
		t, err := parseDate(strings.TrimSpace(value))
		if err != nil {
			return lineErr(ln, name, "bad date %q", value)
		}
		p.seg.PDT, p.seg.PDTExplicit, p.inSegment = t, true, true
		m.HasPDT = true
	case "EXT-X-KEY":
		abs := absolutizeURIAttr(p.base, line, name, value)
		if strings.Contains(value, "METHOD=NONE") {
			p.key = ""
		} else if p.seg.KeyChanged && p.key != "" {
			p.key += "\n" + abs // several KEY tags (key formats) apply together
		} else {
			p.key = abs
		}
		p.seg.KeyChanged, p.inSegment = true, true
	case "EXT-X-MAP":
		p.mapL = absolutizeURIAttr(p.base, line, name, value)
		p.seg.MapChanged, p.inSegment = true, true
	default:
		cue, isCue, err := parseCue(name, value, ln)
		if err != nil {
			m.Warnings = append(m.Warnings, err)
			return nil
		}
		if isCue {
			if cue.Kind != 0 {
				p.seg.Cues = append(p.seg.Cues, cue)
			}
			if name == "EXT-X-DATERANGE" {
				p.seg.Tags = append(p.seg.Tags, line)
			}
			p.inSegment = true
			return nil
		}
		p.seg.Tags = append(p.seg.Tags, line)
		p.inSegment = true
	}
	return nil
}

func (p *mediaParser) extinf(value string, ln int) error {
	durS, title, _ := cutByte(value, ',')
	d, err := strconv.ParseFloat(strings.TrimSpace(durS), 64)
	if err != nil || d < 0 || d > maxDuration || d != d {
		return lineErr(ln, "EXTINF", "bad duration %q", durS)
	}
	p.seg.Duration, p.seg.Title, p.inSegment = d, title, true
	p.seg.Line = ln
	return nil
}

func (p *mediaParser) byteRange(value string, ln int) error {
	lenS, offS, hasOff := cutByte(strings.TrimSpace(value), '@')
	n, err := strconv.ParseInt(lenS, 10, 64)
	if err != nil || n < 0 {
		return lineErr(ln, "EXT-X-BYTERANGE", "bad length %q", lenS)
	}
	p.seg.ByteLen = n
	p.seg.ByteOff = -1
	if hasOff {
		o, err := strconv.ParseInt(offS, 10, 64)
		if err != nil || o < 0 {
			return lineErr(ln, "EXT-X-BYTERANGE", "bad offset %q", offS)
		}
		p.seg.ByteOff = o
	}
	p.inSegment = true
	return nil
}

func (p *mediaParser) uri(line string) error {
	m := p.m
	ln := p.s.line
	if p.seg.Line == 0 {
		return lineErr(ln, "URI", "segment %q has no EXTINF", truncate(line))
	}
	if len(m.Segments) >= maxSegments {
		return &LineError{Line: ln, Tag: "URI", Err: fmt.Errorf("%w: more than %d segments", ErrLimit, maxSegments)}
	}
	abs, err := resolve(p.base, line)
	if err != nil {
		return lineErr(ln, "URI", "%v", err)
	}
	s := p.seg
	s.URI = abs
	s.Key, s.Map = p.key, p.mapL
	if s.ByteLen >= 0 {
		if s.ByteOff < 0 {
			if line != p.lastURI {
				return lineErr(ln, "EXT-X-BYTERANGE", "no offset and the previous segment is another resource")
			}
			s.ByteOff = p.nextOff
		}
		p.nextOff = s.ByteOff + s.ByteLen
	}
	p.lastURI = line
	m.Segments = append(m.Segments, s)
	p.seg = Segment{ByteLen: -1}
	p.inSegment = false
	return nil
}

// finish numbers the segments and fills in what is implied.
func (p *mediaParser) finish() (*Media, error) {
	m := p.m
	if p.inSegment && p.seg.Line != 0 {
		return nil, lineErr(p.seg.Line, "EXTINF", "segment has no URI line")
	}
	m.TrailerCues = p.seg.Cues
	m.Trailer = p.seg.Tags
	if len(m.Segments) == 0 && !m.EndList && !p.seenTD {
		return nil, fmt.Errorf("%w: no EXT-X-TARGETDURATION and no segments (master playlist?)", ErrSyntax)
	}
	// RFC 8216 §3: a segment's discontinuity sequence number is the tag's
	// value plus the EXT-X-DISCONTINUITY tags preceding its URI line, its
	// own included.
	seq, disc := m.MediaSequence, m.DiscontinuitySequence
	for i := range m.Segments {
		s := &m.Segments[i]
		if s.Discontinuity {
			disc++
		}
		s.Seq, s.DiscSeq = seq, disc
		seq++
		if math.Ceil(s.Duration-0.5) > float64(m.TargetDuration) && s.Duration-float64(m.TargetDuration) > 0.5 {
			m.Warnings = append(m.Warnings, &LineError{Line: s.Line, Tag: "EXTINF",
				Err: fmt.Errorf("%w: duration %.3f exceeds target duration %d", ErrSyntax, s.Duration, m.TargetDuration)})
		}
	}
	extrapolatePDT(m.Segments)
	return m, nil
}

// extrapolatePDT gives every segment a date when any segment has one:
// forward from each explicit date, and backward before the first one.
func extrapolatePDT(segs []Segment) {
	firstExplicit := -1
	for i := range segs {
		if segs[i].PDTExplicit {
			firstExplicit = i
			break
		}
	}
	if firstExplicit < 0 {
		return
	}
	for i := firstExplicit - 1; i >= 0; i-- {
		segs[i].PDT = segs[i+1].PDT.Add(-seconds(segs[i].Duration))
	}
	for i := firstExplicit + 1; i < len(segs); i++ {
		if !segs[i].PDTExplicit {
			segs[i].PDT = segs[i-1].End()
		}
	}
}

// IsMaster reports whether data looks like a master playlist.
func IsMaster(data []byte) bool {
	s := newScanner(data)
	for {
		line, ok, err := s.next()
		if err != nil || !ok {
			return false
		}
		switch {
		case strings.HasPrefix(line, "#EXT-X-STREAM-INF"), strings.HasPrefix(line, "#EXT-X-I-FRAME-STREAM-INF"):
			return true
		case strings.HasPrefix(line, "#EXTINF"), strings.HasPrefix(line, "#EXT-X-TARGETDURATION"):
			return false
		}
	}
}
