package template

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// systemFontDirs are searched by LoadFonts before the extra directories.
var systemFontDirs = []string{"/usr/share/fonts", "/usr/local/share/fonts"}

// DefaultFont is the font of a text layer that names none.
const DefaultFont = "DejaVu Sans Bold"

// Font is one font file, known by the names its own name table gives it.
type Font struct {
	Name string // canonical name, e.g. "DejaVu Sans Bold"
	Path string // absolute path; face 0 of a collection

	once sync.Once
	face *sfnt.Font
	err  error
}

// Fonts are the fonts found on the machine, looked up by name.
type Fonts struct {
	byName map[string]*Font // normalized name or alias -> font
	list   []*Font          // sorted by Name
}

// LoadFonts discovers the TrueType/OpenType fonts under /usr/share/fonts,
// /usr/local/share/fonts (when present) and the extra directories (which
// must exist). Each font is known by its family and style names ("DejaVu
// Sans", "DejaVu Sans Bold", "DejaVu Sans Condensed Bold"), its full name
// and its file name without extension ("DejaVuSans-Bold"); lookups ignore
// case and repeated spaces. Files that are not fonts are skipped.
func LoadFonts(extra ...string) (*Fonts, error) { return loadFonts(systemFontDirs, extra) }

func loadFonts(system, extra []string) (*Fonts, error) {
	fonts := &Fonts{byName: make(map[string]*Font)}
	var found []discovered
	for _, dir := range system {
		if _, err := os.Stat(dir); err == nil {
			found = walkFonts(dir, found)
		}
	}
	for _, dir := range extra {
		abs, err := filepath.Abs(dir)
		if err == nil {
			_, err = os.Stat(abs)
		}
		if err != nil {
			return nil, fmt.Errorf("font dir %s: %w", dir, err)
		}
		found = walkFonts(abs, found)
	}
	// Canonical names first, so an alias never hides another font's name.
	for _, d := range found {
		if fonts.add(d.canonical, d.font) {
			fonts.list = append(fonts.list, d.font)
		}
	}
	for _, d := range found {
		if fonts.byName[normalize(d.canonical)] != d.font {
			continue // a duplicate of a font already known
		}
		for _, a := range d.aliases {
			fonts.add(a, d.font)
		}
	}
	slices.SortFunc(fonts.list, func(a, b *Font) int { return strings.Compare(a.Name, b.Name) })
	return fonts, nil
}

type discovered struct {
	font      *Font
	canonical string
	aliases   []string
}

// walkFonts appends the fonts under dir in lexical order (so the first of
// two files with the same name wins, deterministically).
func walkFonts(dir string, found []discovered) []discovered {
	filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil // unreadable entries are skipped, like non-fonts
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".ttf", ".otf", ".ttc", ".otc":
		default:
			return nil
		}
		f, err := openFace(path)
		if err != nil {
			return nil
		}
		canonical, aliases := fontNames(f, path)
		if canonical == "" {
			return nil
		}
		found = append(found, discovered{&Font{Name: canonical, Path: path}, canonical, aliases})
		return nil
	})
	return found
}

// fontNames reads the name table: the canonical name is the typographic
// family and style (IDs 16/17, else 1/2) with a regular style left out.
func fontNames(f *sfnt.Font, path string) (canonical string, aliases []string) {
	var b sfnt.Buffer
	name := func(id sfnt.NameID) string {
		s, err := f.Name(&b, id)
		if err != nil {
			return ""
		}
		return strings.Join(strings.Fields(s), " ")
	}
	styled := func(family, style string) string {
		if family == "" {
			return ""
		}
		switch strings.ToLower(style) {
		case "", "regular", "book", "normal", "roman":
			return family
		}
		return family + " " + style
	}
	legacy := styled(name(sfnt.NameIDFamily), name(sfnt.NameIDSubfamily))
	canonical = styled(name(sfnt.NameIDTypographicFamily), name(sfnt.NameIDTypographicSubfamily))
	if canonical == "" {
		canonical = legacy
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	aliases = []string{legacy, name(sfnt.NameIDFull), base}
	if canonical == "" {
		canonical = base
	}
	return canonical, aliases
}

func (fonts *Fonts) add(name string, f *Font) bool {
	k := normalize(name)
	if k == "" || fonts.byName[k] != nil {
		return false
	}
	fonts.byName[k] = f
	return true
}

func normalize(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

// Lookup finds a font by name. An unknown name is an error wrapping
// ErrUnknownFont that lists a few available names.
func (fonts *Fonts) Lookup(name string) (*Font, error) {
	if fonts == nil {
		return nil, errNoFonts
	}
	if f := fonts.byName[normalize(name)]; f != nil {
		return f, nil
	}
	return nil, fmt.Errorf("%w %q (available: %s)", ErrUnknownFont, name, fonts.suggest(name))
}

// Names lists the canonical names of the fonts, sorted.
func (fonts *Fonts) Names() []string {
	names := make([]string, len(fonts.list))
	for i, f := range fonts.list {
		names[i] = f.Name
	}
	return names
}

// suggest names up to five fonts: those sharing the longest prefix with
// name first, then the shortest names (the plain families).
func (fonts *Fonts) suggest(name string) string {
	if len(fonts.list) == 0 {
		return "no fonts found"
	}
	key := normalize(name)
	common := func(f *Font) int {
		n := normalize(f.Name)
		i := 0
		for i < len(n) && i < len(key) && n[i] == key[i] {
			i++
		}
		return i
	}
	list := slices.Clone(fonts.list)
	slices.SortStableFunc(list, func(a, b *Font) int {
		if d := common(b) - common(a); d != 0 {
			return d
		}
		return len(a.Name) - len(b.Name)
	})
	var out []string
	for i, f := range list {
		if i == 5 {
			out = append(out, fmt.Sprintf("and %d more", len(list)-5))
			break
		}
		out = append(out, fmt.Sprintf("%q", f.Name))
	}
	return strings.Join(out, ", ")
}

// load parses the font file once, on first measurement.
func (f *Font) load() (*sfnt.Font, error) {
	f.once.Do(func() { f.face, f.err = openFace(f.Path) })
	return f.face, f.err
}

// openFace parses a font file, face 0 of a collection (the face ffmpeg's
// drawtext draws with).
func openFace(path string) (*sfnt.Font, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read font: %w", err)
	}
	c, err := sfnt.ParseCollection(data) // a single font is a collection of one
	if err != nil {
		return nil, fmt.Errorf("parse font %s: %w", path, err)
	}
	f, err := c.Font(0)
	if err != nil {
		return nil, fmt.Errorf("parse font %s: %w", path, err)
	}
	return f, nil
}

var errNoFonts = errors.New("no fonts loaded (LoadFonts)")
