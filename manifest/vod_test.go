package manifest

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func vodPlaylist(n int, extra func(i int) string) []byte {
	var b strings.Builder
	b.WriteString("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n")
	for i := 0; i < n; i++ {
		if extra != nil {
			b.WriteString(extra(i))
		}
		fmt.Fprintf(&b, "#EXTINF:4.000,\nseg_%05d.ts\n", i)
	}
	b.WriteString("#EXT-X-ENDLIST\n")
	return []byte(b.String())
}

func TestVODStitch(t *testing.T) {
	ads := newTestAds(t)
	epoch := time.Date(2026, 11, 21, 8, 30, 0, 0, time.UTC)
	fMP4 := func(i int) string {
		s := ""
		if i == 0 {
			s += "#EXT-X-KEY:METHOD=AES-128,URI=\"key.bin\",IV=0x00000000000000000000000000000001\n#EXT-X-MAP:URI=\"init.mp4\"\n"
		}
		return s + fmt.Sprintf("#EXT-X-BYTERANGE:1000@%d\n", i*1000)
	}
	cases := []struct {
		name     string
		playlist []byte
		opts     CompileOptions
		pick     func(*Break) *Pod
		wantAds  int // ad/slate segments in the output
	}{
		{
			name:     "schedule-pre-mid-post",
			playlist: vodPlaylist(15, nil),
			opts: CompileOptions{Schedule: []ScheduledBreak{
				{Kind: Preroll, Duration: 10}, {Kind: Midroll, Offset: 30, Duration: 30}, {Kind: Postroll, Duration: 15},
			}},
			pick:    func(b *Break) *Pod { return fillPod(b.Duration, ads.slate, ads.ad20, ads.ad10, ads.ad15) },
			wantAds: 3 + (5 + 3) + (3 + 5), // pre: ad10; mid: ad20+ad10; post: ad10+5 s slate
		},
		{
			name:     "schedule-no-slate-keeps-short-pod",
			playlist: vodPlaylist(15, nil),
			opts:     CompileOptions{Schedule: []ScheduledBreak{{Kind: Midroll, Offset: 29, Duration: 12}}},
			pick:     func(b *Break) *Pod { return fillPod(b.Duration, nil, ads.ad15, ads.ad10) },
			wantAds:  3,
		},
		{
			name: "cue-out-in-replaces-content",
			playlist: vodPlaylist(15, func(i int) string {
				switch i {
				case 5:
					return "#EXT-X-CUE-OUT:DURATION=20\n"
				case 10:
					return "#EXT-X-CUE-IN\n"
				}
				return ""
			}),
			pick:    func(b *Break) *Pod { return fillPod(b.Duration, nil, ads.ad10, ads.ad10) },
			wantAds: 6,
		},
		{
			name: "cue-without-pod-passes-through",
			playlist: vodPlaylist(6, func(i int) string {
				if i == 2 {
					return "#EXT-X-CUE-OUT:8\n"
				}
				return ""
			}),
			pick:    func(b *Break) *Pod { return nil },
			wantAds: 0,
		},
		{
			name:     "encrypted-fmp4-byterange-resume",
			playlist: vodPlaylist(6, fMP4),
			opts:     CompileOptions{Schedule: []ScheduledBreak{{Kind: Midroll, Offset: 8, Duration: 10}}},
			pick:     func(b *Break) *Pod { return fillPod(b.Duration, nil, ads.ad10) },
			wantAds:  3,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := ParseMedia(tc.playlist, "https://origin.example/vod/360p/index.m3u8")
			if err != nil {
				t.Fatal(err)
			}
			tm := Compile(m, tc.opts, nil)
			p := plan(tm, tc.pick)
			p.Epoch = epoch
			out := tm.Append(nil, p)
			golden(t, "vod-"+tc.name+".m3u8", out)
			checkLiveConsistency(t, [][]byte{out})
			back, err := ParseMedia(out, "http://x/")
			if err != nil {
				t.Fatal(err)
			}
			ads := 0
			for _, s := range back.Segments {
				if segKind(s.URI) != "content" {
					ads++
				}
			}
			if ads != tc.wantAds {
				t.Errorf("ad segments = %d, want %d\n%s", ads, tc.wantAds, out)
			}
			if !back.EndList {
				t.Error("ENDLIST lost")
			}
			_, _, n := tm.Counts(p)
			if n != len(back.Segments) {
				t.Errorf("Counts says %d segments, output has %d", n, len(back.Segments))
			}
		})
	}
}
