package template

import (
	"errors"
	"slices"
	"testing"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// FuzzParse: Parse never panics, errors are FieldErrors wrapping
// ErrInvalid, and a template that parses has Values for exactly its
// Variables, and resolves (or fails cleanly) for any viewer.
func FuzzParse(f *testing.F) {
	for _, tc := range parseCases {
		f.Add([]byte(tc.json))
	}
	fonts := testFonts(f)
	viewers := []*campaign.Context{
		nil,
		{},
		{LocalHour: 8, Daypart: "morning", Country: "ES", Region: "Madrid", City: "Madrid", Interests: []string{"running"}, Device: "tv"},
		{LocalHour: 99, Daypart: "NIGHT", City: "100% O'Brien: \\ {city} \n\xff", Interests: []string{"", "golf"}},
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		tpl, err := Parse(raw, fonts)
		if err != nil {
			var fe *FieldError
			if !errors.Is(err, ErrInvalid) || !errors.As(err, &fe) {
				t.Fatalf("error %v is not a *FieldError wrapping ErrInvalid", err)
			}
			return
		}
		vars := tpl.Variables()
		if !slices.IsSorted(vars) || len(slices.Compact(slices.Clone(vars))) != len(vars) {
			t.Fatalf("Variables() %q not sorted and unique", vars)
		}
		for _, ctx := range viewers {
			v := tpl.Values(ctx)
			if len(v) != len(vars) {
				t.Fatalf("Values %q for Variables %q", v, vars)
			}
			for i, name := range vars {
				if v[i].Name != name {
					t.Fatalf("Values %q do not cover Variables %q", v, vars)
				}
			}
			if len(v.Key()) != 64 {
				t.Fatal("bad key")
			}
			assets := Assets{Fonts: fonts, EndCard: func(id string) (string, error) { return "/img/" + id, nil }}
			r, err := tpl.Resolve(v, assets, DefaultAspect)
			if err != nil {
				if !errors.Is(err, ErrOverflow) && !errors.Is(err, ErrMissingGlyph) {
					t.Fatalf("Resolve: %v", err)
				}
				continue
			}
			for _, txt := range r.Texts {
				if txt.Size < MinSize*minScale || txt.Size > MaxSize || txt.X < 0 || txt.X > 1 || txt.Y < 0 || txt.Y > 1 {
					t.Fatalf("text out of bounds: %+v", txt)
				}
			}
		}
	})
}
