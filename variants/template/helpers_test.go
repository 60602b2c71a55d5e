package template

import (
	"os"
	"sync"
	"testing"
)

const dejavuBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

var loadTestFonts = sync.OnceValues(func() (*Fonts, error) { return LoadFonts() })

// testFonts are the machine's fonts; the tests need DejaVu
// (fonts-dejavu-core, installed by make test).
func testFonts(tb testing.TB) *Fonts {
	tb.Helper()
	if _, err := os.Stat(dejavuBold); err != nil {
		tb.Skipf("DejaVu fonts not installed (apt-get install fonts-dejavu-core): %v", err)
	}
	fonts, err := loadTestFonts()
	if err != nil {
		tb.Fatal(err)
	}
	return fonts
}

func mustParse(tb testing.TB, raw string) *Template {
	tb.Helper()
	tpl, err := Parse([]byte(raw), testFonts(tb))
	if err != nil {
		tb.Fatalf("Parse(%s): %v", raw, err)
	}
	return tpl
}
