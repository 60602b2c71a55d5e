package template

import (
	"encoding/json"
	"errors"
	"strconv"
)

// layer validates one text layer at path (template.text[i]).
func (c *checker) layer(raw json.RawMessage, path string, known func(string) bool, fonts *Fonts) (layer, bool) {
	l := layer{size: DefaultSize, color: DefaultColor, boxColor: DefaultBoxColor, position: DefaultPosition}
	members, ok := c.object(raw, path, "value", "font", "size", "color", "box", "box_color", "position", "x", "y", "start", "end")
	if !ok {
		return l, false
	}
	before := len(c.errs)
	var hasValue, hasPosition, hasX, hasY, hasEnd bool
	for _, m := range members {
		p := path + "." + m.key
		switch m.key {
		case "value":
			hasValue = true
			if s, ok := c.str(m.raw, p); ok {
				if s == "" {
					c.fail(p, "required")
				} else {
					l.text = c.pattern(s, p, MaxTextChars, known)
				}
			}
		case "font":
			if s, ok := c.str(m.raw, p); ok {
				l.font = s
			}
		case "size":
			if f, ok := c.num(m.raw, p); ok {
				if f < MinSize || f > MaxSize {
					c.fail(p, "must be between "+num(MinSize)+" and "+num(MaxSize))
				}
				l.size = f
			}
		case "color":
			l.color = c.color(m.raw, p, l.color)
		case "box_color":
			l.boxColor = c.color(m.raw, p, l.boxColor)
		case "box":
			l.box, _ = c.boolean(m.raw, p)
		case "position":
			hasPosition = true
			if s, ok := c.str(m.raw, p); ok {
				if _, known := positions[s]; !known {
					c.fail(p, "unknown position "+strconv.Quote(s)+" ("+positionHelp+")")
				}
				l.position = s
			}
		case "x":
			hasX = true
			l.x = c.unit(m.raw, p)
		case "y":
			hasY = true
			l.y = c.unit(m.raw, p)
		case "start":
			if f, ok := c.num(m.raw, p); ok {
				if f < 0 {
					c.fail(p, "must not be negative")
				}
				l.start = f
			}
		case "end":
			if f, ok := c.num(m.raw, p); ok {
				if f < 0 {
					c.fail(p, "must not be negative (0 = until the end)")
				}
				l.end, hasEnd = f, true
			}
		}
	}
	switch {
	case !hasValue:
		c.fail(path+".value", "required")
	case hasPosition && (hasX || hasY):
		c.fail(path+".position", "cannot be combined with x/y")
	case hasX && !hasY:
		c.fail(path+".y", "required with x")
	case hasY && !hasX:
		c.fail(path+".x", "required with y")
	}
	if hasX && hasY {
		l.position = ""
	}
	if hasEnd && l.end > 0 && l.end <= l.start {
		c.fail(path+".end", "must be after start ("+num(l.start)+")")
	}
	if len(c.errs) > before {
		return l, false
	}
	if fonts != nil {
		c.face(&l, path, fonts)
	}
	return l, len(c.errs) == before
}

// face looks the layer's font up and checks that its literal text has
// glyphs and fits a DefaultAspect frame at the smallest size (a value
// only makes a text wider).
func (c *checker) face(l *layer, path string, fonts *Fonts) {
	name := l.font
	if name == "" {
		name = DefaultFont
	}
	f, err := fonts.Lookup(name)
	if err != nil {
		c.failCause(path+".font", err.Error(), ErrUnknownFont)
		return
	}
	lit := l.text.literal()
	ems, err := f.Width(lit)
	switch {
	case errors.Is(err, ErrMissingGlyph):
		c.failCause(path+".value", err.Error(), ErrMissingGlyph)
		return
	case err != nil:
		c.fail(path+".font", err.Error())
		return
	}
	if _, ratio, ok := fit(ems, l.size, DefaultAspect); !ok {
		c.failCause(path+".value", quoteShort(lit)+" is "+strconv.FormatFloat(ratio, 'f', 1, 64)+
			"x the width of a 16:9 frame at the smallest size", ErrOverflow)
	}
}

func (c *checker) color(raw json.RawMessage, path, def string) string {
	s, ok := c.str(raw, path)
	if !ok {
		return def
	}
	if !validColor(s) {
		c.fail(path, "unknown color "+strconv.Quote(s)+" ("+colorHelp+")")
	}
	return s
}

// unit decodes a coordinate in 0..1.
func (c *checker) unit(raw json.RawMessage, path string) float64 {
	f, ok := c.num(raw, path)
	if ok && (f < 0 || f > 1) {
		c.fail(path, "must be between 0 and 1")
	}
	return f
}

func (c *checker) endCard(raw json.RawMessage, path string) *endCard {
	members, ok := c.object(raw, path, "image_id", "duration")
	if !ok {
		return nil
	}
	e := &endCard{duration: DefaultEndCard}
	for _, m := range members {
		p := path + "." + m.key
		switch m.key {
		case "image_id":
			if s, ok := c.str(m.raw, p); ok {
				if !validID(s) {
					c.fail(p, "must be 1 to 128 characters of A-Z a-z 0-9 . _ - (not starting with .)")
				}
				e.imageID = s
			}
		case "duration":
			if f, ok := c.num(m.raw, p); ok {
				if f < MinEndCard || f > MaxEndCard {
					c.fail(p, "must be between "+num(MinEndCard)+" and "+num(MaxEndCard)+" seconds")
				}
				e.duration = f
			}
		}
	}
	if e.imageID == "" {
		c.fail(path+".image_id", "required")
	}
	return e
}

func validID(s string) bool {
	if s == "" || len(s) > 128 || s[0] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case 'a' <= ch && ch <= 'z', 'A' <= ch && ch <= 'Z', '0' <= ch && ch <= '9', ch == '.', ch == '_', ch == '-':
		default:
			return false
		}
	}
	return true
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
