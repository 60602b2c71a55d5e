package template

import (
	"fmt"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Fitting: text is drawn on one line at Size x frame height; wider than
// maxWidth of the frame it is shrunk, down to minScale of the requested
// size, and beyond that it overflows.
const (
	maxWidth = 0.9
	minScale = 0.6
	// DefaultAspect is the frame Parse checks static text against; Resolve
	// checks every layer against the real ladder's aspect.
	DefaultAspect = 16.0 / 9.0
)

// Width returns the advance width of s drawn on one line, in ems (1 em =
// the font size), with the font's kerning. A character the font has no
// glyph for is an error wrapping ErrMissingGlyph.
func (f *Font) Width(s string) (float64, error) {
	face, err := f.load()
	if err != nil {
		return 0, err
	}
	upem := int(face.UnitsPerEm())
	if upem <= 0 {
		return 0, fmt.Errorf("font %s: no units per em", f.Name)
	}
	ppem := fixed.Int26_6(upem << 6) // 1 pixel = 1 font unit
	var b sfnt.Buffer
	var sum fixed.Int26_6
	var prev sfnt.GlyphIndex
	for i, r := range s {
		x, err := face.GlyphIndex(&b, r)
		if err != nil || x == 0 {
			return 0, fmt.Errorf("font %q has %w for %q (U+%04X)", f.Name, ErrMissingGlyph, r, r)
		}
		adv, err := face.GlyphAdvance(&b, x, ppem, font.HintingNone)
		if err != nil {
			return 0, fmt.Errorf("font %q glyph %d: %w", f.Name, x, err)
		}
		sum += adv
		if i > 0 {
			if k, err := face.Kern(&b, prev, x, ppem, font.HintingNone); err == nil {
				sum += k
			}
		}
		prev = x
	}
	return float64(sum) / 64 / float64(upem), nil
}

// fit returns the size to draw a text of the given width (in ems) at, for
// a requested size (fraction of the frame height) and a frame aspect
// (width/height). ok is false when even minScale x size is too wide; then
// ratio is the text width over the frame width at that size.
func fit(ems, size, aspect float64) (fitted, ratio float64, ok bool) {
	widthAt := func(s float64) float64 { return ems * s / aspect }
	if widthAt(size) <= maxWidth {
		return size, widthAt(size), true
	}
	smallest := size * minScale
	if widthAt(smallest) > maxWidth {
		return 0, widthAt(smallest), false
	}
	// Round down so float noise never lands a hair over maxWidth.
	fitted = math.Floor(maxWidth*aspect/ems*1e5) / 1e5
	return fitted, widthAt(fitted), true
}
