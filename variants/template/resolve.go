package template

import (
	"errors"
	"fmt"
	"strings"

	"github.com/adstitch/adstitch/variants/probe"
	"github.com/adstitch/adstitch/variants/render"
)

// Assets are what Resolve needs from the machine.
type Assets struct {
	Fonts *Fonts
	// EndCard returns the absolute path of an uploaded end card image; it
	// may be nil when no template has an end card.
	EndCard func(imageID string) (string, error)
}

// Resolved is a template with a viewer's values: the personalization
// fields of a render.Job.
type Resolved struct {
	Texts     []render.Text
	Voice     string // "" = none
	VoiceLang string // espeak-ng voice
	EndCard   *render.EndCard
}

// Apply copies the personalization into a job.
func (r *Resolved) Apply(job *render.Job) {
	job.Texts, job.Voice, job.VoiceLang, job.EndCard = r.Texts, r.Voice, r.VoiceLang, r.EndCard
}

// Resolve substitutes the values into every text layer and the voice line,
// maps positions to X/Y and font names to files, resolves the end card,
// and fits each text to a frame of the given aspect (width/height):
// wider than 90% of the frame width, a layer is shrunk down to 0.6x its
// size; wider still is an *OverflowError (ErrOverflow). A character the
// font cannot draw is an error wrapping ErrMissingGlyph. A layer that
// expands to blanks only is left out. v must come from t.Values.
func (t *Template) Resolve(v Values, a Assets, aspect float64) (*Resolved, error) {
	if !(aspect > 0) {
		return nil, fmt.Errorf("resolve template: bad frame aspect %v", aspect)
	}
	r := &Resolved{VoiceLang: t.voiceLang}
	for i, l := range t.layers {
		text, err := t.resolveLayer(i, l, v, a.Fonts, aspect)
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(text.Content) != "" { // e.g. "{city}" for a viewer with no city
			r.Texts = append(r.Texts, text)
		}
	}
	if len(t.voice) > 0 {
		voice, missing := t.voice.expand(v)
		if missing != "" {
			return nil, fmt.Errorf("voice: no value for {%s} (Values of another template?)", missing)
		}
		r.Voice = voice
	}
	if t.endCard != nil {
		if a.EndCard == nil {
			return nil, fmt.Errorf("end_card %s: no end card store", t.endCard.imageID)
		}
		path, err := a.EndCard(t.endCard.imageID)
		if err != nil {
			return nil, fmt.Errorf("end_card %s: %w", t.endCard.imageID, err)
		}
		r.EndCard = &render.EndCard{Image: path, Duration: t.endCard.duration}
	}
	return r, nil
}

func (t *Template) resolveLayer(i int, l layer, v Values, fonts *Fonts, aspect float64) (render.Text, error) {
	text, missing := l.text.expand(v)
	if missing != "" {
		return render.Text{}, fmt.Errorf("text.%d: no value for {%s} (Values of another template?)", i, missing)
	}
	name := l.font
	if name == "" {
		name = DefaultFont
	}
	face, err := fonts.Lookup(name)
	if err != nil {
		return render.Text{}, fmt.Errorf("text.%d: %w", i, err)
	}
	ems, err := face.Width(text)
	if err != nil {
		return render.Text{}, fmt.Errorf("text.%d: %w", i, err)
	}
	size, ratio, ok := fit(ems, l.size, aspect)
	if !ok {
		return render.Text{}, &OverflowError{Layer: i, Text: text, Ratio: ratio}
	}
	out := render.Text{
		Content:  text,
		FontFile: face.Path,
		Size:     size,
		Color:    l.color,
		Box:      l.box,
		BoxColor: l.boxColor,
		X:        l.x,
		Y:        l.y,
		Start:    l.start,
		End:      l.end,
	}
	if l.position != "" {
		// The text's height is taken as one em: drawtext's text_h is the
		// tallest glyph's box, a little under that.
		out.X, out.Y = place(l.position, ratio, size)
	}
	return out, nil
}

// LadderAspect is the narrowest frame aspect (width/height) of a ladder:
// text that fits it fits every rendition.
func LadderAspect(l probe.Ladder) (float64, error) {
	aspect := 0.0
	for i, r := range l.Renditions {
		if r.Width <= 0 || r.Height <= 0 {
			return 0, fmt.Errorf("rendition %d: no frame size (%dx%d)", i, r.Width, r.Height)
		}
		a := float64(r.Width) / float64(r.Height)
		if aspect == 0 || a < aspect {
			aspect = a
		}
	}
	if aspect == 0 {
		return 0, errors.New("ladder has no renditions")
	}
	return aspect, nil
}

// Variables lists the variables the template uses, sorted: the variant
// cache key depends on these only.
func (t *Template) Variables() []string { return append([]string(nil), t.used...) }
