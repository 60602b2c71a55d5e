package manifest

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// RenditionKind says which master tag referenced a media playlist.
type RenditionKind uint8

const (
	KindVariant RenditionKind = iota // EXT-X-STREAM-INF
	KindMedia                        // EXT-X-MEDIA with a URI (alternate audio, subtitles …)
	KindIFrame                       // EXT-X-I-FRAME-STREAM-INF
)

// Rendition is one media playlist referenced by a master playlist.
type Rendition struct {
	Kind       RenditionKind
	URI        string // absolute
	Bandwidth  int64
	AvgBW      int64
	Codecs     string
	Width      int
	Height     int
	FrameRate  float64
	Type       string // EXT-X-MEDIA TYPE: AUDIO, VIDEO, SUBTITLES, CLOSED-CAPTIONS
	GroupID    string
	Name       string
	Language   string
	AudioGroup string // AUDIO= of a variant
	Attrs      Attrs
}

// Master is a parsed master (multivariant) playlist. It keeps every line so
// Rewrite reproduces the origin byte for byte except for playlist URIs.
type Master struct {
	URL        string
	Renditions []Rendition
	parts      []masterPart
}

// masterPart is a run of literal text, or the URI slot of Renditions[ref].
type masterPart struct {
	text string
	ref  int // -1 for literal text
}

// ParseMaster parses a master playlist fetched from base.
func ParseMaster(data []byte, base string) (*Master, error) {
	baseURL, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("base url %q: %w", base, err)
	}
	s := newScanner(data)
	first, ok, err := s.next()
	if err != nil {
		return nil, err
	}
	if !ok || first != "#EXTM3U" {
		return nil, ErrNotPlaylist
	}
	m := &Master{URL: base}
	var lit strings.Builder
	lit.WriteString("#EXTM3U\n")
	flush := func() {
		if lit.Len() > 0 {
			m.parts = append(m.parts, masterPart{text: lit.String(), ref: -1})
			lit.Reset()
		}
	}
	var pending *Rendition // an EXT-X-STREAM-INF waiting for its URI line
	var pendingLine int
	for {
		line, ok, err := s.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		if !strings.HasPrefix(line, "#") {
			if pending == nil {
				return nil, lineErr(s.line, "URI", "URI %q without EXT-X-STREAM-INF", truncate(line))
			}
			pending.URI, err = resolve(baseURL, line)
			if err != nil {
				return nil, lineErr(s.line, "URI", "%v", err)
			}
			flush()
			m.parts = append(m.parts, masterPart{ref: len(m.Renditions)}, masterPart{text: "\n", ref: -1})
			m.Renditions = append(m.Renditions, *pending)
			pending = nil
			continue
		}
		if !strings.HasPrefix(line, "#EXT") {
			continue // comment
		}
		name, value := splitTag(line)
		switch name {
		case "EXT-X-STREAM-INF":
			if pending != nil {
				return nil, lineErr(pendingLine, name, "no URI line follows")
			}
			attrs, err := parseAttrs(value)
			if err != nil {
				return nil, lineErr(s.line, name, "%v", err)
			}
			r := variantFromAttrs(KindVariant, attrs)
			pending, pendingLine = &r, s.line
			lit.WriteString(line)
			lit.WriteByte('\n')
		case "EXT-X-MEDIA", "EXT-X-I-FRAME-STREAM-INF":
			attrs, err := parseAttrs(value)
			if err != nil {
				return nil, lineErr(s.line, name, "%v", err)
			}
			uri, hasURI := attrs.Get("URI")
			if !hasURI {
				lit.WriteString(line)
				lit.WriteByte('\n')
				continue
			}
			var r Rendition
			if name == "EXT-X-MEDIA" {
				r = mediaFromAttrs(attrs)
			} else {
				r = variantFromAttrs(KindIFrame, attrs)
			}
			if r.URI, err = resolve(baseURL, unquote(uri)); err != nil {
				return nil, lineErr(s.line, name, "URI: %v", err)
			}
			// Write the tag with the URI attribute as a slot.
			before, after := splitAround(line, "URI="+uri)
			lit.WriteString(before)
			lit.WriteString(`URI="`)
			flush()
			m.parts = append(m.parts, masterPart{ref: len(m.Renditions)})
			lit.WriteString(`"`)
			lit.WriteString(after)
			lit.WriteByte('\n')
			m.Renditions = append(m.Renditions, r)
		case "EXT-X-SESSION-DATA", "EXT-X-SESSION-KEY":
			// Resolve relative URIs: the rewritten master is served from our path.
			lit.WriteString(absolutizeURIAttr(baseURL, line, name, value))
			lit.WriteByte('\n')
		case "EXT-X-CONTENT-STEERING":
			// Steering would move the player off our playlists; drop it.
		default:
			lit.WriteString(line)
			lit.WriteByte('\n')
		}
	}
	if pending != nil {
		return nil, lineErr(pendingLine, "EXT-X-STREAM-INF", "no URI line follows")
	}
	if len(m.Renditions) == 0 {
		return nil, fmt.Errorf("%w: master playlist references no media playlist", ErrSyntax)
	}
	flush()
	return m, nil
}

// AppendRewritten writes the master with every media playlist URI replaced
// by prefix + index + ".m3u8" (prefix is the session's playlist path).
func (m *Master) AppendRewritten(dst []byte, prefix string) []byte {
	for _, p := range m.parts {
		if p.ref < 0 {
			dst = append(dst, p.text...)
			continue
		}
		dst = append(dst, prefix...)
		dst = strconv.AppendInt(dst, int64(p.ref), 10)
		dst = append(dst, ".m3u8"...)
	}
	return dst
}

func variantFromAttrs(kind RenditionKind, a Attrs) Rendition {
	r := Rendition{Kind: kind, Attrs: a, Codecs: a.String("CODECS"), AudioGroup: a.String("AUDIO")}
	if v, ok := a.Float("BANDWIDTH"); ok {
		r.Bandwidth = int64(v)
	}
	if v, ok := a.Float("AVERAGE-BANDWIDTH"); ok {
		r.AvgBW = int64(v)
	}
	r.FrameRate, _ = a.Float("FRAME-RATE")
	if res := a.String("RESOLUTION"); res != "" {
		w, h, _ := cutByte(res, 'x')
		r.Width, _ = strconv.Atoi(w)
		r.Height, _ = strconv.Atoi(h)
	}
	return r
}

func mediaFromAttrs(a Attrs) Rendition {
	return Rendition{
		Kind: KindMedia, Attrs: a, Type: a.String("TYPE"), GroupID: a.String("GROUP-ID"),
		Name: a.String("NAME"), Language: a.String("LANGUAGE"),
	}
}

// splitAround returns the text before and after the first occurrence of sep.
func splitAround(s, sep string) (string, string) {
	i := strings.Index(s, sep)
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i+len(sep):]
}

// absolutizeURIAttr rewrites the URI attribute of a tag line to an absolute URL.
func absolutizeURIAttr(base *url.URL, line, name, value string) string {
	attrs, err := parseAttrs(value)
	if err != nil {
		return line
	}
	uri, ok := attrs.Get("URI")
	if !ok {
		return line
	}
	abs, err := resolve(base, unquote(uri))
	if err != nil {
		return line
	}
	return "#" + name + ":" + attrs.Set("URI", abs, true).Encode()
}

func resolve(base *url.URL, ref string) (string, error) {
	u, err := url.Parse(ref)
	if err != nil {
		return "", fmt.Errorf("bad URI %q", truncate(ref))
	}
	if base == nil {
		return u.String(), nil
	}
	return base.ResolveReference(u).String(), nil
}

func truncate(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}
