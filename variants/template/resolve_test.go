package template

import (
	"errors"
	"math"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/variants/probe"
	"github.com/adstitch/adstitch/variants/render"
)

func TestResolveContractExample(t *testing.T) {
	fonts := testFonts(t)
	tpl := mustParse(t, `{"text":[{"value":"Hello {city}!","position":"bottom"}],"voice":"Good {greeting} from {city}"}`)
	v := tpl.Values(&campaign.Context{City: "Madrid", Daypart: "morning"})
	r, err := tpl.Resolve(v, Assets{Fonts: fonts}, 16.0/9)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Texts) != 1 {
		t.Fatalf("%d texts", len(r.Texts))
	}
	got := r.Texts[0]
	if got.Content != "Hello Madrid!" || filepath.Base(got.FontFile) != "DejaVuSans-Bold.ttf" || got.Size != DefaultSize ||
		got.Color != "white" || got.Box || got.BoxColor != "black@0.5" || got.X != 0.5 || got.Start != 0 || got.End != 0 {
		t.Errorf("text = %+v", got)
	}
	// Bottom: the text's bottom edge (one em tall) 5% above the frame's.
	if bottom := (1-got.Size)*got.Y + got.Size; math.Abs(bottom-0.95) > 1e-9 {
		t.Errorf("Y = %v puts the bottom at %v, want 0.95", got.Y, bottom)
	}
	// {greeting} is the time of day, as the contract's voice line wants.
	if r.Voice != "Good morning from Madrid" || r.VoiceLang != "en" || r.EndCard != nil {
		t.Errorf("voice %q lang %q end card %v", r.Voice, r.VoiceLang, r.EndCard)
	}
	job := render.Job{Spot: "spot.mp4", Out: "out"}
	r.Apply(&job)
	if job.Spot != "spot.mp4" || len(job.Texts) != 1 || job.Voice != r.Voice || job.VoiceLang != "en" {
		t.Errorf("Apply: %+v", job)
	}
}

// Values reach the render byte for byte: drawing them literally is the
// renderer's job (textfile, no expansion).
func TestResolveBytesExact(t *testing.T) {
	fonts := testFonts(t)
	tpl := mustParse(t, `{"text":[{"value":"{{{city}}} 50%"}],"voice":"{city}"}`)
	city := `100% O'Brien: \ test %{pts} ${x}`
	r, err := tpl.Resolve(tpl.Values(&campaign.Context{City: city}), Assets{Fonts: fonts}, 16.0/9)
	if err != nil {
		t.Fatal(err)
	}
	if want := "{" + city + "} 50%"; r.Texts[0].Content != want {
		t.Errorf("content %q, want %q", r.Texts[0].Content, want)
	}
	if r.Voice != city {
		t.Errorf("voice %q, want %q", r.Voice, city)
	}
}

func TestResolvePositions(t *testing.T) {
	fonts := testFonts(t)
	for pos := range positions {
		tpl := mustParse(t, `{"text":[{"value":"Hello Madrid!","size":0.1,"position":"`+pos+`"}]}`)
		r, err := tpl.Resolve(nil, Assets{Fonts: fonts}, 16.0/9)
		if err != nil {
			t.Fatal(err)
		}
		txt := r.Texts[0]
		f, _ := fonts.Lookup(DefaultFont)
		ems, _ := f.Width(txt.Content)
		w, h := ems*txt.Size/(16.0/9), txt.Size
		left, top := (1-w)*txt.X, (1-h)*txt.Y
		check := func(what string, got, want float64) {
			if math.Abs(got-want) > 1e-9 {
				t.Errorf("%s: %s = %.4f, want %.4f", pos, what, got, want)
			}
		}
		switch {
		case strings.HasSuffix(pos, "left"):
			check("left margin", left, margin)
		case strings.HasSuffix(pos, "right"):
			check("right margin", 1-left-w, margin)
		default:
			check("centre", left+w/2, 0.5)
		}
		switch {
		case strings.HasPrefix(pos, "top"):
			check("top margin", top, margin)
		case strings.HasPrefix(pos, "bottom"):
			check("bottom margin", 1-top-h, margin)
		default:
			check("middle", top+h/2, 0.5)
		}
	}
}

func TestResolveLayerFields(t *testing.T) {
	fonts := testFonts(t)
	tpl := mustParse(t, `{"text":[{"value":"{brand}","x":0.25,"y":1,"font":"DejaVu Serif","size":0.05,"color":"#FFCC00",
		"box":true,"box_color":"navy@0.3","start":1.5,"end":4},{"value":"{city}"}],
		"vars":{"brand":"Acme"},"lang":"fr","end_card":{"image_id":"card-1","duration":2.5}}`)
	var asked string
	assets := Assets{Fonts: fonts, EndCard: func(id string) (string, error) { asked = id; return "/data/images/" + id + ".png", nil }}
	r, err := tpl.Resolve(tpl.Values(&campaign.Context{}), assets, 16.0/9)
	if err != nil {
		t.Fatal(err)
	}
	want := render.Text{Content: "Acme", FontFile: "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", Size: 0.05, Color: "#FFCC00",
		Box: true, BoxColor: "navy@0.3", X: 0.25, Y: 1, Start: 1.5, End: 4}
	if len(r.Texts) != 1 || r.Texts[0] != want {
		t.Errorf("texts = %+v, want only %+v (the empty {city} layer left out)", r.Texts, want)
	}
	if asked != "card-1" || r.EndCard == nil || *r.EndCard != (render.EndCard{Image: "/data/images/card-1.png", Duration: 2.5}) {
		t.Errorf("end card %+v (asked %q)", r.EndCard, asked)
	}
	if r.Voice != "" || r.VoiceLang != "fr" {
		t.Errorf("voice %q lang %q", r.Voice, r.VoiceLang)
	}
}

func TestResolveErrors(t *testing.T) {
	fonts := testFonts(t)
	withCard := mustParse(t, `{"text":[{"value":"Hi {city}"}],"end_card":{"image_id":"card"}}`)
	plain := mustParse(t, `{"text":[{"value":"Hi {city}"}]}`)
	other := mustParse(t, `{"voice":"{greeting}"}`)
	errMissing := errors.New("no such image")
	cases := []struct {
		name   string
		tpl    *Template
		v      Values
		assets Assets
		aspect float64
		want   string
		is     error
	}{
		{"no fonts", plain, plain.Values(nil), Assets{}, 1.7, "text.0: no fonts loaded (LoadFonts)", nil},
		{"bad aspect", plain, plain.Values(nil), Assets{Fonts: fonts}, 0, "resolve template: bad frame aspect 0", nil},
		{"NaN aspect", plain, plain.Values(nil), Assets{Fonts: fonts}, math.NaN(), "resolve template: bad frame aspect NaN", nil},
		{"values of another template", plain, other.Values(nil), Assets{Fonts: fonts}, 1.7,
			"text.0: no value for {city} (Values of another template?)", nil},
		{"missing glyph in a value", plain, plain.Values(&campaign.Context{City: "東京"}), Assets{Fonts: fonts}, 1.7,
			`text.0: font "DejaVu Sans Bold" has no glyph for '東' (U+6771)`, ErrMissingGlyph},
		{"end card store fails", withCard, withCard.Values(nil), Assets{Fonts: fonts, EndCard: func(string) (string, error) { return "", errMissing }}, 1.7,
			"end_card card: no such image", errMissing},
		{"no end card store", withCard, withCard.Values(nil), Assets{Fonts: fonts}, 1.7, "end_card card: no end card store", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.tpl.Resolve(tc.v, tc.assets, tc.aspect)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("%v does not wrap %v", err, tc.is)
			}
		})
	}
}

func TestLadderAspect(t *testing.T) {
	l := probe.Ladder{Renditions: []probe.Rendition{{Width: 1920, Height: 1080}, {Width: 640, Height: 480}, {Width: 1280, Height: 720}}}
	if a, err := LadderAspect(l); err != nil || a != 4.0/3 {
		t.Errorf("LadderAspect = %v, %v; want 4/3", a, err)
	}
	if _, err := LadderAspect(probe.Ladder{}); err == nil {
		t.Error("empty ladder: no error")
	}
	if _, err := LadderAspect(probe.Ladder{Renditions: []probe.Rendition{{Width: 1920}}}); err == nil {
		t.Error("rendition without height: no error")
	}
}

// One template and one Fonts serve concurrent renders (run with -race).
func TestResolveConcurrent(t *testing.T) {
	fonts := testFonts(t)
	tpl := mustParse(t, `{"text":[{"value":"Hello {city}!"},{"value":"{greeting}","font":"DejaVu Serif"}],"voice":"{greeting}"}`)
	cities := []string{"Madrid", "Paris", "Santa Cruz de la Sierra", "Köln"}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 50 {
				city := cities[(i+j)%len(cities)]
				r, err := tpl.Resolve(tpl.Values(&campaign.Context{City: city, Daypart: "evening"}), Assets{Fonts: fonts}, 16.0/9)
				if err != nil || r.Texts[0].Content != "Hello "+city+"!" {
					t.Errorf("Resolve %s: %v %+v", city, err, r)
					return
				}
			}
		})
	}
	wg.Wait()
}
