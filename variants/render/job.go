package render

import "github.com/adstitch/adstitch/variants/probe"

// Job is one variant to render: a base spot, the personalization already
// resolved to plain values (package variants/template does that), and the
// ladder to encode into. Out is a directory that Render fills with
// master.m3u8 and one sub-directory per rendition (r0, r1 ...).
type Job struct {
	Spot      string // path of the uploaded base spot
	Ladder    probe.Ladder
	Texts     []Text   // burned-in text layers, in drawing order
	Voice     string   // synthesized voice line (espeak-ng), "" = none
	VoiceLang string   // espeak-ng voice name, e.g. "en", "es"; "" = en
	EndCard   *EndCard // nil = none
	Out       string
	Preset    string // x264 preset (speed against size); "" = veryfast
}

// Text is one text layer with its variables already substituted. Sizes and
// positions are relative to the frame so one layer renders the same on
// every rendition of the ladder.
type Text struct {
	Content  string  // exact text to draw; any byte is literal (no escaping done by the caller)
	FontFile string  // absolute path of a TrueType/OpenType font
	Size     float64 // font size as a fraction of the frame height, e.g. 0.06
	Color    string  // ffmpeg colour: "white", "#RRGGBB", "#RRGGBBAA"
	Box      bool    // draw a box behind the text
	BoxColor string  // ffmpeg colour of the box, e.g. "black@0.5"
	// X and Y place the text's top-left corner as a fraction of the frame
	// (0..1) with the text's own size taken out: X=0.5 centres it, X=1
	// puts its right edge on the frame's right edge.
	X, Y  float64
	Start float64 // seconds from the spot's start
	End   float64 // seconds; 0 = until the end
}

// EndCard is a still image shown full-frame over the last Duration seconds
// of the spot (the spot's audio keeps playing).
type EndCard struct {
	Image    string  // absolute path of a PNG or JPEG
	Duration float64 // seconds
}
