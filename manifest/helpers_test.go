package manifest

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file (go test ./manifest -update to accept):\n%s", name, firstDiff(want, got))
	}
}

func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n want %q\n  got %q", i+1, w, g)
		}
	}
	return ""
}

// adPlaylist builds an ad rendition from segment durations.
func adPlaylist(t testing.TB, id string, durs ...float64) *AdRendition {
	t.Helper()
	var b strings.Builder
	b.WriteString("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n")
	for i, d := range durs {
		fmt.Fprintf(&b, "#EXTINF:%.3f,\nseg%d.ts\n", d, i)
	}
	b.WriteString("#EXT-X-ENDLIST\n")
	m, err := ParseMedia([]byte(b.String()), "http://ads.example/"+id+"/360p/index.m3u8")
	if err != nil {
		t.Fatal(err)
	}
	return NewAdRendition(id, "cr-"+id, 0, m)
}

// testAds are the ads every stitch test uses.
type testAds struct{ ad10, ad15, ad20, slate *AdRendition }

func newTestAds(t testing.TB) testAds {
	return testAds{
		ad10:  adPlaylist(t, "ad10", 4, 4, 2),
		ad15:  adPlaylist(t, "ad15", 4, 4, 4, 3),
		ad20:  adPlaylist(t, "ad20", 4, 4, 4, 4, 4),
		slate: adPlaylist(t, "slate", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
	}
}

// fillPod covers dur greedily with the ads in order, then with slate.
func fillPod(dur float64, slate *AdRendition, ads ...*AdRendition) *Pod {
	p := &Pod{}
	var used float64
	for _, a := range ads {
		if used+a.Duration <= dur+fitSlack {
			p.Items = append(p.Items, PodItem{Ad: a})
			used += a.Duration
		}
	}
	if slate != nil {
		n := 0
		for used+slate.Segments[0].Duration <= dur+fitSlack {
			used += slate.Segments[0].Duration
			n++
		}
		if n > 0 {
			p.Items = append(p.Items, PodItem{Ad: slate, Slate: true, Count: n})
		}
	}
	return p
}

// plan builds a plan giving every break (and remembered break) the pod pick returns.
func plan(tm *Template, pick func(b *Break) *Pod) *Plan {
	p := &Plan{AdPrefix: []byte("/v1/s/TOKEN/a/")}
	for i := range tm.Breaks() {
		p.Pods = append(p.Pods, pick(&tm.Breaks()[i]))
	}
	for i := range tm.History() {
		p.PastPods = append(p.PastPods, pick(&tm.History()[i]))
	}
	return p
}
