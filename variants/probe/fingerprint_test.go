package probe

import "testing"

func TestFingerprint(t *testing.T) {
	base := Ladder{Renditions: []Rendition{content720, withProfile("Main")}}
	fp := base.Fingerprint()
	// The value is part of cache keys on disk: it must not change between
	// releases unless the ladder does.
	if want := "41caad79dfcf923738beefbae594114c"; fp != want {
		t.Errorf("fingerprint %s, want %s (update it only when the format changes on purpose)", fp, want)
	}
	same := func(f func(l *Ladder)) string {
		l := Ladder{Renditions: append([]Rendition(nil), base.Renditions...)}
		f(&l)
		return l.Fingerprint()
	}
	for name, f := range map[string]func(l *Ladder){
		"other URIs":   func(l *Ladder) { l.Renditions[0].URI = "http://cdn.example/x.m3u8" },
		"other codecs": func(l *Ladder) { l.Renditions[1].Codecs = "" },
		"rate as 60/2": func(l *Ladder) { l.Renditions[0].FrameRate = "60/2" },
	} {
		if got := same(f); got != fp {
			t.Errorf("%s: fingerprint changed", name)
		}
	}
	for name, f := range map[string]func(l *Ladder){
		"GOP":        func(l *Ladder) { l.Renditions[0].GOP = 30 },
		"bandwidth":  func(l *Ladder) { l.Renditions[1].Bandwidth++ },
		"order":      func(l *Ladder) { l.Renditions[0], l.Renditions[1] = l.Renditions[1], l.Renditions[0] },
		"one less":   func(l *Ladder) { l.Renditions = l.Renditions[:1] },
		"container":  func(l *Ladder) { l.Renditions[0].Container = "fmp4" },
		"pix_fmt":    func(l *Ladder) { l.Renditions[0].PixFmt = "yuvj420p" },
		"segment":    func(l *Ladder) { l.Renditions[0].SegmentDur = 4 },
		"field edge": func(l *Ladder) { l.Renditions[0].Profile, l.Renditions[0].AudioCodec = "High aac", "" },
	} {
		if got := same(f); got == fp {
			t.Errorf("%s: fingerprint unchanged", name)
		}
	}
}
