package demo

import (
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// fakeAssets writes a complete-looking media tree (empty files) with its
// marker under dir, without ffmpeg.
func fakeAssets(t *testing.T, dir string) *Assets {
	t.Helper()
	a := &Assets{Dir: dir, Version: Version, Ladder: ladder}
	for _, c := range clips {
		clip := Clip{Name: c.name, Title: c.title, Duration: c.duration, SegmentDuration: c.segment, GOP: c.gop, StartPTS: DefaultStartPTS}
		n := int((c.duration + c.segment - 1) / c.segment)
		for _, r := range ladder {
			v := Variant{Rendition: r.Name, URI: r.Name + "/index.m3u8", Codecs: "avc1.64001f,mp4a.40.2"}
			for i := range n {
				v.Segments = append(v.Segments, Segment{URI: SegmentName(i), Duration: c.segment})
			}
			clip.Variants = append(clip.Variants, v)
		}
		switch c.name {
		case ContentName:
			a.Content = clip
		case "slate":
			a.Slate = clip
		default:
			a.Ads = append(a.Ads, clip)
		}
	}
	for _, c := range a.Clips() {
		touch(t, a.Path(c.Master()))
		for _, v := range c.Variants {
			touch(t, a.Path(c.Name+"/"+v.URI))
			for _, s := range v.Segments {
				touch(t, a.Path(c.Name+"/"+v.Rendition+"/"+s.URI))
			}
		}
	}
	writeMarker(t, a)
	return a
}

func writeMarker(t *testing.T, a *Assets) {
	t.Helper()
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(a.Dir, markerName), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func touch(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoad(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(t *testing.T, a *Assets)
	}{
		{"no marker", func(t *testing.T, a *Assets) { os.Remove(filepath.Join(a.Dir, markerName)) }},
		{"corrupt marker", func(t *testing.T, a *Assets) {
			os.WriteFile(filepath.Join(a.Dir, markerName), []byte("{"), 0o644)
		}},
		{"other version", func(t *testing.T, a *Assets) { a.Version = Version + 1; writeMarker(t, a) }},
		{"missing segment", func(t *testing.T, a *Assets) { os.Remove(a.Path("ads/house-15s/720p/seg_00003.ts")) }},
		{"missing master", func(t *testing.T, a *Assets) { os.Remove(a.Path("slate/master.m3u8")) }},
		{"no ads", func(t *testing.T, a *Assets) { a.Ads = nil; writeMarker(t, a) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := fakeAssets(t, filepath.Join(t.TempDir(), "demo"))
			if _, err := Load(a.Dir); err != nil {
				t.Fatalf("intact media: %v", err)
			}
			tc.spoil(t, a)
			if _, err := Load(a.Dir); !errors.Is(err, ErrNotPrepared) {
				t.Errorf("Load = %v, want ErrNotPrepared", err)
			}
		})
	}
}

func TestLoadDescribes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	fakeAssets(t, dir)
	a, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if a.Dir != dir || a.Content.Duration != ContentDuration || len(a.Content.Variants[0].Segments) != ContentSegments {
		t.Errorf("content %+v", a.Content)
	}
	if a.Slate.SegmentDuration != time.Second || len(a.Clips()) != 5 {
		t.Errorf("slate %+v, %d clips", a.Slate, len(a.Clips()))
	}
}

// TestPrepareUsesExistingMedia checks that Prepare only reads a valid
// marker: with PATH empty any rendering would fail.
func TestPrepareUsesExistingMedia(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	fakeAssets(t, dir)
	t.Setenv("PATH", "")
	if _, err := Prepare(t.Context(), dir, nil); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, markerName))
	if _, err := Prepare(t.Context(), dir, nil); !errors.Is(err, ErrNoFFmpeg) {
		t.Errorf("Prepare without marker and without ffmpeg = %v, want ErrNoFFmpeg", err)
	}
}

func TestInstall(t *testing.T) {
	t.Run("into place", func(t *testing.T) {
		parent := t.TempDir()
		tmp, dir := filepath.Join(parent, "demo.tmp-1"), filepath.Join(parent, "demo")
		fakeAssets(t, tmp)
		if err := install(tmp, dir); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(dir); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("over stale media", func(t *testing.T) {
		parent := t.TempDir()
		tmp, dir := filepath.Join(parent, "demo.tmp-1"), filepath.Join(parent, "demo")
		fakeAssets(t, tmp)
		touch(t, filepath.Join(dir, "vod", "leftover.ts")) // an interrupted render, no marker
		if err := install(tmp, dir); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(dir); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, "vod", "leftover.ts")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("stale file survived: %v", err)
		}
		entries, _ := os.ReadDir(parent)
		if len(entries) != 1 {
			t.Errorf("left behind: %v", entries)
		}
	})
	t.Run("someone else won", func(t *testing.T) {
		parent := t.TempDir()
		tmp, dir := filepath.Join(parent, "demo.tmp-1"), filepath.Join(parent, "demo")
		fakeAssets(t, tmp)
		winner := fakeAssets(t, dir)
		winner.Slate.Title = "winner"
		writeMarker(t, winner)
		if err := install(tmp, dir); err != nil {
			t.Fatal(err)
		}
		a, err := Load(dir)
		if err != nil || a.Slate.Title != "winner" {
			t.Errorf("Load = %+v, %v; want the winner's media kept", a, err)
		}
	})
}

func TestRemoveLeftovers(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "demo")
	for _, name := range []string{"demo.tmp-123", "demo.old-9", "demo", "other.tmp-1", "demo.lock"} {
		touch(t, filepath.Join(parent, name, "x"))
	}
	removeLeftovers(dir, discardLogger())
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 3 || names[0] != "demo" || names[1] != "demo.lock" || names[2] != "other.tmp-1" {
		t.Errorf("after cleanup: %v", names)
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
