package template

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// parseCase is one template: valid (err == "") with the variables it
// uses, or invalid with the exact error. The table also seeds FuzzParse.
type parseCase struct {
	name string
	json string
	vars []string // Variables() of a valid template
	err  string   // exact error; a trailing "…" compares the prefix
	is   error    // a sentinel the error wraps besides ErrInvalid
}

var long = strings.Repeat("x", 201)

var parseCases = []parseCase{
	// Valid.
	{name: "contract example", json: `{"text":[{"value":"Hello {city}!","position":"bottom"}],"voice":"Good {greeting} from {city}"}`,
		vars: []string{"city", "greeting"}},
	{name: "every field", json: `{
		"text":[{"value":"{greeting}, {city}!","font":"DejaVu Sans","size":0.1,"color":"#FFCC00","box":true,
		         "box_color":"black@0.6","position":"top-left","start":1,"end":5},
		        {"value":"{brand} at {local_time}","x":0.5,"y":0.2,"font":"DejaVu Sans Mono Bold","color":"Yellow@0.8"}],
		"voice":"{greeting} from {brand}, {region} {country} {daypart} {device} {interest}",
		"voice_lang":"es-419","lang":"es",
		"end_card":{"image_id":"img_01.png","duration":4},
		"vars":{"brand":"Acme"},
		"defaults":{"city":"tu ciudad","interest":"deportes"},
		"interests":["Running","tennis"]}`,
		vars: []string{"brand", "city", "country", "daypart", "device", "greeting", "interest", "local_time", "region"}},
	{name: "static text", json: `{"text":[{"value":"Big sale today"}]}`, vars: []string{}},
	{name: "literal braces", json: `{"text":[{"value":"{{city}} is {city}}}"}]}`, vars: []string{"city"}},
	{name: "voice only", json: `{"voice":"Hello {city}","lang":"de"}`, vars: []string{"city"}},
	{name: "end card only", json: `{"end_card":{"image_id":"card"}}`, vars: []string{}},
	{name: "nulls are unset", json: `{"text":[{"value":"a","font":null,"size":null}],"voice":null,"vars":null}`, vars: []string{}},
	{name: "font by file name and loose spacing", json: `{"text":[{"value":"a","font":"dejavusans-bold"},{"value":"b","font":" DejaVu   Sans  Mono "}]}`, vars: []string{}},
	{name: "colours", json: `{"text":[{"value":"a","color":"#ff000080","box_color":"#000000@1"},{"value":"b","color":"GOLD","box_color":"navy@0"}]}`, vars: []string{}},
	{name: "text may be empty when voice is set", json: `{"text":[],"voice":"hi"}`, vars: []string{}},
	{name: "end 0 is until the end", json: `{"text":[{"value":"a","start":3,"end":0}]}`, vars: []string{}},
	{name: "whitespace around the document", json: " \n{\"voice\":\"hi\"}\n ", vars: []string{}},

	// The document.
	{name: "not an object", json: `["text"]`, err: `template: must be an object, not an array`},
	{name: "null document", json: `null`, err: `template: must be an object, not null`},
	{name: "empty document", json: ``, err: `template: invalid JSON: empty document`},
	{name: "bad JSON", json: `{"text":[}`, err: `template: invalid JSON: invalid character '}' looking for beginning of value at byte 10`},
	{name: "trailing data", json: `{"voice":"a"} {}`, err: `template: unexpected data after the JSON object`},
	{name: "invalid UTF-8", json: "{\"voice\":\"\xff\"}", err: `template: invalid UTF-8`},
	{name: "nothing to render", json: `{}`, err: `template: nothing to render: give text, voice or end_card`},
	{name: "empty text and voice render nothing", json: `{"text":[],"voice":""}`, err: `template: nothing to render: give text, voice or end_card`},
	{name: "unknown field", json: `{"voice":"a","colour":"red"}`, err: `template.colour: unknown field`},
	{name: "odd unknown field", json: `{"voice":"a","two words":1}`, err: `template["two words"]: unknown field`},
	{name: "duplicate field", json: `{"voice":"a","voice":"b"}`, err: `template.voice: duplicate field`},

	// Text layers.
	{name: "text not an array", json: `{"text":{"value":"a"}}`, err: `template.text: must be an array, not an object`},
	{name: "layer not an object", json: `{"text":["Hello"]}`, err: `template.text[0]: must be an object, not a string`},
	{name: "too many layers", json: `{"text":[{"value":"1"},{"value":"2"},{"value":"3"},{"value":"4"},{"value":"5"},{"value":"6"},{"value":"7"},{"value":"8"},{"value":"9"}]}`,
		err: `template.text: at most 8 layers`},
	{name: "unknown layer field", json: `{"text":[{"value":"a","fnt":"x"}]}`, err: `template.text[0].fnt: unknown field`},
	{name: "duplicate layer field", json: `{"text":[{"value":"a","value":"b"}]}`, err: `template.text[0].value: duplicate field`},
	{name: "value missing", json: `{"text":[{"font":"DejaVu Sans"}]}`, err: `template.text[0].value: required`},
	{name: "value empty", json: `{"text":[{"value":""}]}`, err: `template.text[0].value: required`},
	{name: "value not a string", json: `{"text":[{"value":42}]}`, err: `template.text[0].value: must be a string, not a number`},
	{name: "value too long", json: `{"text":[{"value":"` + long + `"}]}`, err: `template.text[0].value: must be at most 200 characters (has 201)`},
	{name: "value control character", json: `{"text":[{"value":"a\nb"}]}`, err: `template.text[0].value: control character U+000A is not allowed`},
	{name: "unknown variable", json: `{"text":[{"value":"a"},{"value":"Hi {cty}"}]}`, err: `template.text[1].value: unknown variable {cty}`},
	{name: "unclosed brace", json: `{"text":[{"value":"Hello {city"}]}`, err: `template.text[0].value: unclosed "{" at byte 6 (write "{{" for a literal brace)`},
	{name: "unmatched brace", json: `{"text":[{"value":"a } b"}]}`, err: `template.text[0].value: unmatched "}" at byte 2 (write "}}" for a literal brace)`},
	{name: "variable name case", json: `{"text":[{"value":"{City}"}]}`, err: `template.text[0].value: invalid variable {City}: names are lower case letters, digits and _`},
	{name: "empty variable", json: `{"text":[{"value":"{}"}]}`, err: `template.text[0].value: invalid variable {}: names are lower case letters, digits and _`},
	{name: "unknown font", json: `{"text":[{"value":"a"},{"value":"b","font":"Comic"}]}`, err: `template.text[1].font: unknown font "Comic" (available: "…`, is: ErrUnknownFont},
	{name: "size too big", json: `{"text":[{"value":"a","size":0.5}]}`, err: `template.text[0].size: must be between 0.02 and 0.3`},
	{name: "size zero", json: `{"text":[{"value":"a","size":0}]}`, err: `template.text[0].size: must be between 0.02 and 0.3`},
	{name: "size a string", json: `{"text":[{"value":"a","size":"big"}]}`, err: `template.text[0].size: must be a number, not a string`},
	{name: "size out of float range", json: `{"text":[{"value":"a","size":1e999}]}`, err: `template.text[0].size: number out of range`},
	{name: "unknown colour", json: `{"text":[{"value":"a","color":"chartreuse2"}]}`,
		err: `template.text[0].color: unknown color "chartreuse2" (` + colorHelp + `)`},
	{name: "short hex colour", json: `{"text":[{"value":"a","color":"#12345"}]}`, err: `template.text[0].color: unknown color "#12345" (` + colorHelp + `)`},
	{name: "alpha above 1", json: `{"text":[{"value":"a","box_color":"black@1.5"}]}`, err: `template.text[0].box_color: unknown color "black@1.5" (` + colorHelp + `)`},
	{name: "filter injection in a colour", json: `{"text":[{"value":"a","color":"white:fontfile=/etc/passwd"}]}`,
		err: `template.text[0].color: unknown color "white:fontfile=/etc/passwd" (` + colorHelp + `)`},
	{name: "box not a bool", json: `{"text":[{"value":"a","box":1}]}`, err: `template.text[0].box: must be true or false, not a number`},
	{name: "unknown position", json: `{"text":[{"value":"a","position":"middle"}]}`, err: `template.text[0].position: unknown position "middle" (` + positionHelp + `)`},
	{name: "position and x/y", json: `{"text":[{"value":"a","position":"top","x":0.1,"y":0.1}]}`, err: `template.text[0].position: cannot be combined with x/y`},
	{name: "x without y", json: `{"text":[{"value":"a","x":0.1}]}`, err: `template.text[0].y: required with x`},
	{name: "y without x", json: `{"text":[{"value":"a","y":0.1}]}`, err: `template.text[0].x: required with y`},
	{name: "x out of range", json: `{"text":[{"value":"a","x":1.5,"y":0}]}`, err: `template.text[0].x: must be between 0 and 1`},
	{name: "negative start", json: `{"text":[{"value":"a","start":-1}]}`, err: `template.text[0].start: must not be negative`},
	{name: "negative end", json: `{"text":[{"value":"a","end":-2}]}`, err: `template.text[0].end: must not be negative (0 = until the end)`},
	{name: "end before start", json: `{"text":[{"value":"a","start":5,"end":2}]}`, err: `template.text[0].end: must be after start (5)`},
	{name: "end equals start", json: `{"text":[{"value":"a","start":2.5,"end":2.5}]}`, err: `template.text[0].end: must be after start (2.5)`},
	{name: "static text overflows", json: `{"text":[{"value":"` + strings.Repeat("W", 60) + `"}]}`,
		err: `template.text[0].value: "WWWWWWWWWWWWWWWWWWWWWWWWWW..." is 1.6x the width of a 16:9 frame at the smallest size`, is: ErrOverflow},
	{name: "literal part overflows", json: `{"text":[{"value":"{city} ` + strings.Repeat("W", 60) + `"}]}`,
		err: `template.text[0].value: " WWWWWWWWWWWWWWWWWWWWWWWWW..." is 1.6x the width of a 16:9 frame at the smallest size`, is: ErrOverflow},
	{name: "missing glyph", json: `{"text":[{"value":"Hello 你好"}]}`, err: `template.text[0].value: font "DejaVu Sans Bold" has no glyph for '你' (U+4F60)`, is: ErrMissingGlyph},
	{name: "two errors in one layer", json: `{"text":[{"value":"a","size":1,"color":"nope"}]}`,
		err: "template.text[0].size: must be between 0.02 and 0.3\ntemplate.text[0].color: unknown color \"nope\" (" + colorHelp + ")"},

	// Voice and languages.
	{name: "unknown voice variable", json: `{"voice":"Hello {cty}"}`, err: `template.voice: unknown variable {cty}`},
	{name: "voice too long", json: `{"voice":"` + strings.Repeat("a", 301) + `"}`, err: `template.voice: must be at most 300 characters (has 301)`},
	{name: "voice not a string", json: `{"voice":["a"]}`, err: `template.voice: must be a string, not an array`},
	{name: "unknown voice", json: `{"voice":"a","voice_lang":"klingon"}`, err: `template.voice_lang: unknown voice "klingon" (one of ` + strings.Join(voices, ", ") + `)`},
	{name: "unknown lang", json: `{"voice":"a","lang":"xx"}`, err: `template.lang: unknown language "xx" (one of de, en, es, fr, it, pt)`},

	// End card.
	{name: "end card without image", json: `{"end_card":{"duration":2}}`, err: `template.end_card.image_id: required`},
	{name: "end card too long", json: `{"end_card":{"image_id":"a","duration":11}}`, err: `template.end_card.duration: must be between 1 and 10 seconds`},
	{name: "end card path traversal", json: `{"end_card":{"image_id":"../etc/passwd"}}`,
		err: `template.end_card.image_id: must be 1 to 128 characters of A-Z a-z 0-9 . _ - (not starting with .)`},
	{name: "end card unknown field", json: `{"end_card":{"image":"a"}}`, err: "template.end_card.image: unknown field\ntemplate.end_card.image_id: required"},

	// Custom variables, defaults, interests.
	{name: "custom variable name", json: `{"voice":"a","vars":{"Brand":"Acme"}}`,
		err: `template.vars["Brand"]: invalid variable name (lower case letters, digits and _, not starting with a digit)`},
	{name: "custom variable leading digit", json: `{"voice":"a","vars":{"1st":"x"}}`,
		err: `template.vars["1st"]: invalid variable name (lower case letters, digits and _, not starting with a digit)`},
	{name: "custom variable shadows", json: `{"voice":"a","vars":{"city":"Paris"}}`, err: `template.vars.city: shadows the built-in variable {city}`},
	{name: "custom variable value too long", json: `{"voice":"a","vars":{"brand":"` + long[:101] + `"}}`, err: `template.vars.brand: must be at most 100 characters (has 101)`},
	{name: "custom variable not a string", json: `{"voice":"a","vars":{"n":1}}`, err: `template.vars.n: must be a string, not a number`},
	{name: "default for unknown variable", json: `{"voice":"a","defaults":{"brand":"x"}}`,
		err: `template.defaults.brand: unknown variable {brand} (defaults are for built-in variables: ` + strings.Join(builtins, ", ") + `)`},
	{name: "default with a control character", json: `{"voice":"a","defaults":{"city":"a\tb"}}`, err: `template.defaults.city: control character U+0009 is not allowed`},
	{name: "interests not an array", json: `{"voice":"a","interests":"running"}`, err: `template.interests: must be an array, not a string`},
	{name: "empty interest", json: `{"voice":"a","interests":["running",""]}`, err: `template.interests[1]: must not be empty`},
}

func TestParse(t *testing.T) {
	fonts := testFonts(t)
	for _, tc := range parseCases {
		t.Run(tc.name, func(t *testing.T) {
			tpl, err := Parse([]byte(tc.json), fonts)
			if tc.err == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if got := tpl.Variables(); !slices.Equal(got, tc.vars) && !(len(got) == 0 && len(tc.vars) == 0) {
					t.Errorf("Variables() = %q, want %q", got, tc.vars)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tc.err)
			}
			if prefix, ok := strings.CutSuffix(tc.err, "…"); ok {
				if !strings.HasPrefix(err.Error(), prefix) {
					t.Errorf("error\n %q\nwant prefix\n %q", err, prefix)
				}
			} else if err.Error() != tc.err {
				t.Errorf("error\n %q\nwant\n %q", err, tc.err)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error does not wrap ErrInvalid: %v", err)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error does not wrap %v: %v", tc.is, err)
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Path == "" {
				t.Errorf("error is not a *FieldError with a path: %#v", err)
			}
		})
	}
}

// Without fonts, Parse checks everything but fonts, glyphs and fitting.
func TestParseWithoutFonts(t *testing.T) {
	for _, raw := range []string{
		`{"text":[{"value":"Hello {city}","font":"Comic"}]}`,
		`{"text":[{"value":"` + strings.Repeat("W", 60) + `"}]}`,
		`{"text":[{"value":"你好"}]}`,
	} {
		if _, err := Parse([]byte(raw), nil); err != nil {
			t.Errorf("Parse(%s, nil): %v", raw, err)
		}
	}
	if _, err := Parse([]byte(`{"voice":"{cty}"}`), nil); err == nil || err.Error() != "template.voice: unknown variable {cty}" {
		t.Errorf("Parse without fonts still validates variables; got %v", err)
	}
}

// Errors stop at maxErrors so a huge bad template gives a readable answer.
func TestParseErrorLimit(t *testing.T) {
	raw := `{"text":[` + strings.TrimSuffix(strings.Repeat(`{"value":"a","size":9,"x":2},`, 8), ",") + `]}`
	_, err := Parse([]byte(raw), nil)
	if err == nil {
		t.Fatal("no error")
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != maxErrors {
		t.Errorf("%d errors, want %d:\n%v", n, maxErrors, err)
	}
}
