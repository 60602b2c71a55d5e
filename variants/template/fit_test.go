package template

import (
	"context"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// Width agrees with what ffmpeg's drawtext lays out (its text_w), which is
// what positions and the frame edges are computed from.
func TestWidthMatchesDrawtext(t *testing.T) {
	fonts := testFonts(t)
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg not installed")
	}
	const px = 80
	for _, tc := range []struct{ font, text string }{
		{"DejaVu Sans Bold", "Hello Madrid!"},
		{"DejaVu Sans Bold", "Llanfairpwllgwyngyll"},
		{"DejaVu Sans", `100% O'Brien: \ test`},
		{"DejaVu Serif", "Bom dia, São Paulo"},
		{"DejaVu Sans Mono", "AVAVAV WAWA"},
	} {
		f, err := fonts.Lookup(tc.font)
		if err != nil {
			t.Fatal(err)
		}
		ems, err := f.Width(tc.text)
		if err != nil {
			t.Fatal(err)
		}
		got := ems * px
		want := drawtextWidth(t, f.Path, tc.text, px)
		if math.Abs(got-want) > 0.02*want+2 {
			t.Errorf("%s %q: Width %.1f px, drawtext text_w %.1f px", tc.font, tc.text, got, want)
		}
	}
}

// drawtextWidth finds drawtext's text_w: the text drawn once at x=10 and
// once at x=W-text_w; the right edge of the ink moves by W-text_w-10.
func drawtextWidth(t *testing.T, fontFile, text string, px int) float64 {
	t.Helper()
	dir := t.TempDir()
	textFile := filepath.Join(dir, "text.txt")
	os.WriteFile(textFile, []byte(text), 0o644)
	const frameW = 1920
	inkRight := func(x string) int {
		filter := "drawtext=fontfile=" + fontFile + ":textfile=" + textFile + ":expansion=none:fontcolor=white:fontsize=" +
			strconv.Itoa(px) + ":y=20:x=" + x + ",cropdetect=limit=0.1:round=2:reset=1"
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, "ffmpeg", "-hide_banner", "-nostdin", "-f", "lavfi",
			"-i", "color=c=black:s="+strconv.Itoa(frameW)+"x200:d=0.3", "-vf", filter, "-f", "null", "-").CombinedOutput()
		if err != nil {
			t.Fatalf("ffmpeg: %v\n%s", err, out)
		}
		m := regexp.MustCompile(`x2:(\d+)`).FindAllSubmatch(out, -1)
		if len(m) == 0 {
			t.Fatalf("no cropdetect output:\n%s", out)
		}
		n, _ := strconv.Atoi(string(m[len(m)-1][1]))
		return n
	}
	left, right := inkRight("10"), inkRight("w-text_w")
	return float64(frameW - 10 - (right - left))
}

func TestFit(t *testing.T) {
	fonts := testFonts(t)
	tpl := mustParse(t, `{"text":[{"value":"Hello {city}!","size":0.1}]}`)
	bold, _ := fonts.Lookup(DefaultFont)
	resolve := func(city string, aspect float64) (float64, float64, error) {
		r, err := tpl.Resolve(tpl.Values(&campaign.Context{City: city}), Assets{Fonts: fonts}, aspect)
		if err != nil {
			return 0, 0, err
		}
		ems, _ := bold.Width(r.Texts[0].Content)
		return r.Texts[0].Size, ems * r.Texts[0].Size / aspect, nil
	}
	cases := []struct {
		name   string
		city   string
		aspect float64
		shrunk bool
		over   string // error prefix when it overflows
	}{
		{name: "short city keeps its size", city: "Madrid", aspect: 16.0 / 9},
		{name: "long city shrinks", city: "Santa Cruz de la Sierra", aspect: 16.0 / 9, shrunk: true},
		{name: "longer city shrinks more", city: "Ciudad Autónoma de Buenos Aires", aspect: 16.0 / 9, shrunk: true},
		{name: "long city fits 16:9", city: "Llanfairpwllgwyngyll", aspect: 16.0 / 9},
		{name: "absurd city overflows", city: "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch", aspect: 16.0 / 9,
			over: `text.0: "Hello Llanfairpwllgwyngyll..." is 1.`},
		{name: "4:3 shrinks what 16:9 fits", city: "Llanfairpwllgwyngyll", aspect: 4.0 / 3, shrunk: true},
		{name: "portrait overflows what 16:9 fits", city: "Llanfairpwllgwyngyll", aspect: 9.0 / 16,
			over: `text.0: "Hello Llanfairpwllgwyngyll..." is 1.6x`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			size, width, err := resolve(tc.city, tc.aspect)
			if tc.over != "" {
				var oe *OverflowError
				if !errors.Is(err, ErrOverflow) || !errors.As(err, &oe) || oe.Layer != 0 {
					t.Fatalf("err = %v, want an *OverflowError", err)
				}
				if !strings.HasPrefix(err.Error(), tc.over) || !strings.HasSuffix(err.Error(), "x the frame width at the smallest size") {
					t.Errorf("error %q, want %q...", err, tc.over)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if width > maxWidth {
				t.Errorf("width %.3f of the frame > %v", width, maxWidth)
			}
			if !tc.shrunk && size != 0.1 {
				t.Errorf("size %v, want 0.1 unchanged", size)
			}
			if tc.shrunk && (size >= 0.1 || size < 0.1*minScale || width < maxWidth-0.001) {
				t.Errorf("size %v width %.4f: want shrunk to just fit %v", size, width, maxWidth)
			}
		})
	}
}

func TestFitArithmetic(t *testing.T) {
	cases := []struct {
		ems, size, aspect float64
		fitted, ratio     float64
		ok                bool
	}{
		{ems: 10, size: 0.1, aspect: 16.0 / 9, fitted: 0.1, ratio: 0.5625, ok: true},
		{ems: 0, size: 0.1, aspect: 1, fitted: 0.1, ratio: 0, ok: true},
		{ems: 18, size: 0.1, aspect: 1.6, fitted: 0.08, ratio: 0.9, ok: true},
		{ems: 18, size: 0.1, aspect: 0.9, fitted: 0, ratio: 1.2, ok: false},
	}
	for _, tc := range cases {
		fitted, ratio, ok := fit(tc.ems, tc.size, tc.aspect)
		if ok != tc.ok || math.Abs(fitted-tc.fitted) > 1e-4 || math.Abs(ratio-tc.ratio) > 1e-4 {
			t.Errorf("fit(%v, %v, %v) = %v, %v, %v; want %v, %v, %v", tc.ems, tc.size, tc.aspect, fitted, ratio, ok, tc.fitted, tc.ratio, tc.ok)
		}
	}
}
