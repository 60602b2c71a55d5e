package template

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// Limits of a template.
const (
	MaxLayers       = 8
	MaxTextChars    = 200 // characters of a text layer's value
	MaxVoiceChars   = 300
	MaxValueChars   = 100 // of a custom variable, a default or an interest
	MaxVars         = 32
	MaxInterests    = 100
	MinSize         = 0.02 // text size bounds, fraction of the frame height
	MaxSize         = 0.3
	DefaultSize     = 0.07
	DefaultColor    = "white"
	DefaultBoxColor = "black@0.5"
	DefaultLang     = "en"
	MinEndCard      = 1.0 // end card duration bounds, seconds
	MaxEndCard      = 10.0
	DefaultEndCard  = 3.0
)

// Template is a parsed, valid personalization template. It is immutable
// and safe for concurrent use.
type Template struct {
	layers    []layer
	voice     pattern
	voiceLang string
	lang      string
	endCard   *endCard
	vars      map[string]string // custom variables
	defaults  map[string]string // built-in variable -> value when the viewer has none
	interests []string          // lower case
	used      []string          // variables used, sorted
}

type layer struct {
	text     pattern
	font     string // name as written ("" = DefaultFont)
	size     float64
	color    string
	box      bool
	boxColor string
	position string // "" when x/y are given
	x, y     float64
	start    float64
	end      float64 // 0 = until the end
}

type endCard struct {
	imageID  string
	duration float64
}

// Parse validates a template (the JSON of campaign.Creative.Template).
// Unknown fields, duplicate fields, wrong types and bad values are errors
// naming the exact path, e.g. `template.text[1].font: unknown font
// "Comic" (...)`; every error wraps ErrInvalid (several are joined, one
// per line). JSON null means "not set".
//
// fonts validates font names, that literal text has glyphs in its font
// and that it fits a DefaultAspect frame; nil skips those checks (for
// callers that only need Variables and Values: Resolve still checks).
func Parse(raw []byte, fonts *Fonts) (*Template, error) {
	c := &checker{}
	t := c.template(raw, fonts)
	if err := c.err(); err != nil {
		return nil, err
	}
	return t, nil
}

const root = "template"

func (c *checker) template(raw []byte, fonts *Fonts) *Template {
	if !c.document(raw, root) {
		return nil
	}
	members, ok := c.object(raw, root, "text", "voice", "voice_lang", "lang", "end_card", "vars", "defaults", "interests")
	if !ok {
		return nil
	}
	field := func(key string) json.RawMessage {
		for _, m := range members {
			if m.key == key {
				return m.raw
			}
		}
		return nil
	}
	t := &Template{lang: DefaultLang}
	if raw := field("lang"); raw != nil {
		if s, ok := c.str(raw, root+".lang"); ok {
			if greetings[s] == nil {
				c.fail(root+".lang", "unknown language "+strconv.Quote(s)+" (one of "+langs()+")")
			}
			t.lang = s
		}
	}
	t.voiceLang = t.lang
	if raw := field("voice_lang"); raw != nil {
		if s, ok := c.str(raw, root+".voice_lang"); ok {
			if !slices.Contains(voices, s) {
				c.fail(root+".voice_lang", "unknown voice "+strconv.Quote(s)+" (one of "+strings.Join(voices, ", ")+")")
			}
			t.voiceLang = s
		}
	}
	t.vars = c.stringMap(field("vars"), root+".vars", MaxVars, func(path, name string) {
		switch {
		case !isName(name):
			c.fail(path, "invalid variable name (lower case letters, digits and _, not starting with a digit)")
		case isBuiltin(name):
			c.fail(path, "shadows the built-in variable {"+name+"}")
		}
	})
	t.defaults = c.stringMap(field("defaults"), root+".defaults", len(builtins), func(path, name string) {
		if !isBuiltin(name) {
			c.fail(path, "unknown variable {"+name+"} (defaults are for built-in variables: "+strings.Join(builtins, ", ")+")")
		}
	})
	t.interests = c.interests(field("interests"), root+".interests")
	known := func(name string) bool { _, ok := t.vars[name]; return ok || isBuiltin(name) }

	if raw := field("text"); raw != nil {
		if items, ok := c.array(raw, root+".text"); ok {
			if len(items) > MaxLayers {
				c.fail(root+".text", "at most "+strconv.Itoa(MaxLayers)+" layers")
			}
			for i, item := range items {
				if l, ok := c.layer(item, index(root+".text", i), known, fonts); ok {
					t.layers = append(t.layers, l)
				}
			}
		}
	}
	if raw := field("voice"); raw != nil {
		if s, ok := c.str(raw, root+".voice"); ok {
			t.voice = c.pattern(s, root+".voice", MaxVoiceChars, known)
		}
	}
	if raw := field("end_card"); raw != nil {
		t.endCard = c.endCard(raw, root+".end_card")
	}
	if len(t.layers) == 0 && len(t.voice) == 0 && t.endCard == nil && len(c.errs) == 0 {
		c.fail(root, "nothing to render: give text, voice or end_card")
	}
	for _, l := range t.layers {
		t.used = l.text.names(t.used)
	}
	t.used = t.voice.names(t.used)
	slices.Sort(t.used)
	t.used = slices.Compact(t.used)
	return t
}

// EndCardImage is the uploaded image the end card shows, "" without one.
func (t *Template) EndCardImage() string {
	if t.endCard == nil {
		return ""
	}
	return t.endCard.imageID
}
