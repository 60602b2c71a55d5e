package probe

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/adstitch/adstitch/variants/probe/probetest"
)

// testLadder is a small content stream: two renditions, 1 s GOP, 2 s
// segments.
var testLadder = probetest.Ladder{
	Clip: probetest.Clip{Width: 640, Height: 360, FPS: 30, Seconds: 6},
	Rungs: []probetest.Rung{
		{Width: 320, Height: 180, Profile: "main", Level: "3.0", Kbps: 300},
		{Width: 640, Height: 360, Profile: "high", Level: "3.1", Kbps: 800},
	},
	GOP: 30, SegmentSec: 2,
}

func hlsLadder(t testing.TB, fmp4, singleFile bool) string {
	name := fmt.Sprintf("hls-fmp4=%v-single=%v", fmp4, singleFile)
	dir := media(t, name, func(ctx context.Context, p string) error {
		l := testLadder
		l.FMP4, l.SingleFile = fmp4, singleFile
		_, err := probetest.WriteHLS(ctx, p, l)
		return err
	})
	return filepath.Join(dir, "master.m3u8")
}

// wantLadder is what ProbeLadder must find in testLadder.
func wantLadder(dir, container string) Ladder {
	return Ladder{Renditions: []Rendition{
		{URI: filepath.Join(dir, "v0/index.m3u8"), Bandwidth: 460000, Codecs: "avc1.4d401e,mp4a.40.2",
			VideoCodec: "h264", Profile: "Main", Level: 30, Width: 320, Height: 180, FrameRate: "30/1", PixFmt: "yuv420p", GOP: 30,
			AudioCodec: "aac", AudioProf: "LC", SampleRate: 48000, Channels: 2, SegmentDur: 2, Container: container},
		{URI: filepath.Join(dir, "v1/index.m3u8"), Bandwidth: 960000, Codecs: "avc1.64001f,mp4a.40.2",
			VideoCodec: "h264", Profile: "High", Level: 31, Width: 640, Height: 360, FrameRate: "30/1", PixFmt: "yuv420p", GOP: 30,
			AudioCodec: "aac", AudioProf: "LC", SampleRate: 48000, Channels: 2, SegmentDur: 2, Container: container},
	}}
}

func TestProbeLadder(t *testing.T) {
	for _, c := range []struct {
		name         string
		fmp4, single bool
		container    string
	}{
		{"ts", false, false, "ts"},
		{"fmp4", true, false, "fmp4"},
		{"ts byte ranges", false, true, "ts"},
	} {
		t.Run(c.name, func(t *testing.T) {
			master := hlsLadder(t, c.fmp4, c.single)
			got, err := ProbeLadder(t.Context(), master)
			if err != nil {
				t.Fatal(err)
			}
			want := wantLadder(filepath.Dir(master), c.container)
			checkLadder(t, got, want)
			for i, r := range got.Renditions {
				if m := want.Renditions[i].Mismatch(r); m != "" {
					t.Errorf("rendition %d does not stitch into itself: %s", i, m)
				}
			}
		})
	}
}

// TestProbeLadderHTTP reads an fMP4 ladder stored as one file per
// rendition (init section and segments as byte ranges) through an HTTP
// server, the way content is probed in production.
func TestProbeLadderHTTP(t *testing.T) {
	master := hlsLadder(t, true, true)
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Dir(master))))
	defer srv.Close()
	got, err := ProbeLadder(t.Context(), srv.URL+"/master.m3u8")
	if err != nil {
		t.Fatal(err)
	}
	want := wantLadder("", "fmp4")
	want.Renditions[0].URI = srv.URL + "/v0/index.m3u8"
	want.Renditions[1].URI = srv.URL + "/v1/index.m3u8"
	checkLadder(t, got, want)
}

func checkLadder(t *testing.T, got, want Ladder) {
	t.Helper()
	if len(got.Renditions) != len(want.Renditions) {
		t.Fatalf("got %d renditions, want %d", len(got.Renditions), len(want.Renditions))
	}
	for i := range want.Renditions {
		if got.Renditions[i] != want.Renditions[i] {
			t.Errorf("rendition %d:\n got %+v\nwant %+v", i, got.Renditions[i], want.Renditions[i])
		}
	}
}

func TestProbePlaylistErrors(t *testing.T) {
	master := hlsLadder(t, false, false)
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name  string
		probe func() error
	}{
		{"rendition of a master", func() error { _, err := ProbeRendition(t.Context(), master); return err }},
		{"ladder of a media playlist", func() error {
			_, err := ProbeLadder(t.Context(), filepath.Join(filepath.Dir(master), "v0/index.m3u8"))
			return err
		}},
		{"missing playlist", func() error { _, err := ProbeRendition(t.Context(), filepath.Join(dir, "nope.m3u8")); return err }},
		{"not a playlist", func() error { _, err := ProbeRendition(t.Context(), write("x.m3u8", "hello")); return err }},
		{"no segments", func() error {
			_, err := ProbeRendition(t.Context(), write("empty.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-ENDLIST\n"))
			return err
		}},
		{"master without variants", func() error {
			_, err := ProbeLadder(t.Context(), write("m.m3u8", "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"en\",URI=\"a.m3u8\"\n"))
			return err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.probe()
			if !errors.Is(err, ErrPlaylist) {
				t.Fatalf("err = %v, want ErrPlaylist", err)
			}
			t.Log(err)
		})
	}
	t.Run("missing segment", func(t *testing.T) {
		p := write("gone.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6,\ngone.ts\n#EXT-X-ENDLIST\n")
		_, err := ProbeRendition(t.Context(), p)
		if err == nil || !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("err = %v, want a not-exist error", err)
		}
	})
}
