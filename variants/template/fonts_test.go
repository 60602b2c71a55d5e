package template

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFontsLookup(t *testing.T) {
	fonts := testFonts(t)
	cases := []struct{ name, file string }{
		{"DejaVu Sans Bold", "DejaVuSans-Bold.ttf"},
		{"DejaVu Sans", "DejaVuSans.ttf"},          // style "Book" is the plain family
		{"DejaVu Sans Mono", "DejaVuSansMono.ttf"}, // no typographic names in this file
		{"DejaVu Sans Mono Bold", "DejaVuSansMono-Bold.ttf"},
		{"DejaVu Sans Condensed Bold", "DejaVuSansCondensed-Bold.ttf"},
		{"DejaVuSans-Bold", "DejaVuSans-Bold.ttf"}, // file base name
		{"dejavu sans   BOLD", "DejaVuSans-Bold.ttf"},
		{"DejaVu Serif Italic", "DejaVuSerif-Italic.ttf"},
	}
	for _, tc := range cases {
		f, err := fonts.Lookup(tc.name)
		if err != nil {
			t.Errorf("Lookup(%q): %v", tc.name, err)
			continue
		}
		if filepath.Base(f.Path) != tc.file || !filepath.IsAbs(f.Path) {
			t.Errorf("Lookup(%q) = %s, want .../%s", tc.name, f.Path, tc.file)
		}
	}
	names := fonts.Names()
	for _, want := range []string{"DejaVu Sans", "DejaVu Sans Bold", "DejaVu Sans Mono", "DejaVu Serif"} {
		if !slices.Contains(names, want) {
			t.Errorf("Names() lacks %q: %q", want, names)
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("Names() not sorted: %q", names)
	}
	if slices.Contains(names, "DejaVuSans-Bold") {
		t.Error("Names() lists file names: want canonical names only")
	}

	_, err := fonts.Lookup("Comic Sans")
	if !errors.Is(err, ErrUnknownFont) {
		t.Fatalf("Lookup(Comic Sans) = %v, want ErrUnknownFont", err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, `unknown font "Comic Sans" (available: "`) || strings.Count(msg, `", "`) < 2 {
		t.Errorf("error does not list a few fonts: %s", msg)
	}
	// Names sharing a prefix with the request come first.
	_, err = fonts.Lookup("DejaVu Sans Boldd")
	if !strings.Contains(err.Error(), `(available: "DejaVu Sans Bold", `) {
		t.Errorf("closest name not first: %v", err)
	}
}

func TestLoadFontsDirs(t *testing.T) {
	testFonts(t) // skips without DejaVu
	dir := t.TempDir()
	copyFile(t, dejavuBold, filepath.Join(dir, "Brand.ttf"))
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	copyFile(t, "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", filepath.Join(dir, "sub", "Mono.TTF"))
	copyFile(t, dejavuBold, filepath.Join(dir, "sub", "Duplicate.ttf")) // same font again: the first wins
	os.WriteFile(filepath.Join(dir, "broken.ttf"), []byte("not a font"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("hello"), 0o644)

	fonts, err := loadFonts([]string{filepath.Join(dir, "missing-system-dir")}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fonts.Names(), []string{"DejaVu Sans Bold", "DejaVu Sans Mono"}; !slices.Equal(got, want) {
		t.Errorf("Names() = %q, want %q", got, want)
	}
	for name, file := range map[string]string{"Brand": "Brand.ttf", "DejaVu Sans Bold": "Brand.ttf", "mono": "Mono.TTF"} {
		f, err := fonts.Lookup(name)
		if err != nil || filepath.Base(f.Path) != file {
			t.Errorf("Lookup(%q) = %v, %v; want %s", name, f, err, file)
		}
	}
	if _, err := fonts.Lookup("Duplicate"); err == nil {
		t.Error("a duplicate file's aliases were registered")
	}
	if _, err := LoadFonts(filepath.Join(dir, "nope")); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("missing extra dir: %v", err)
	}

	empty, err := loadFonts(nil, []string{t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := empty.Lookup("DejaVu Sans"); !errors.Is(err, ErrUnknownFont) || !strings.Contains(err.Error(), "no fonts found") {
		t.Errorf("empty Fonts: %v", err)
	}
	var none *Fonts
	if _, err := none.Lookup("DejaVu Sans"); err == nil {
		t.Error("nil Fonts found a font")
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Skipf("font %s: %v", from, err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
