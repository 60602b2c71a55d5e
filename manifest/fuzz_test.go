package manifest

import (
	"testing"
	"time"
)

// FuzzStitch feeds arbitrary playlists through parse, compile and stitch:
// nothing may panic, the output must re-parse, and compiling the same
// playlist again on top of itself (a live refresh) must number it the same.
func FuzzStitch(f *testing.F) {
	for _, tc := range casesMedia {
		f.Add([]byte(tc.in))
	}
	for _, d := range liveDialects {
		o := d.origin
		o.window, o.epoch = 6, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		f.Add(o.playlist(f, 12))
	}
	f.Add(vodPlaylist(5, nil))
	f.Add([]byte(masterAllAttrs))
	ads := newTestAds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if IsMaster(data) {
			m, err := ParseMaster(data, "http://o.example/m.m3u8")
			if err == nil {
				if _, err := ParseMaster(m.AppendRewritten(nil, "/p/"), "http://a/m.m3u8"); err != nil {
					t.Fatalf("rewritten master does not re-parse: %v", err)
				}
			}
			return
		}
		m, err := ParseMedia(data, "http://o.example/live/index.m3u8")
		if err != nil {
			return
		}
		opts := CompileOptions{DefaultBreak: 30, Schedule: []ScheduledBreak{{Kind: Preroll, Duration: 10}, {Kind: Midroll, Offset: 8, Duration: 20}}}
		pick := func(b *Break) *Pod { return fillPod(b.Duration, ads.slate, ads.ad15, ads.ad10) }
		tm := Compile(m, opts, nil)
		out := tm.Append(nil, plan(tm, pick))
		back, err := ParseMedia(out, "http://a.example/p/0.m3u8")
		if err != nil {
			t.Fatalf("stitched output does not re-parse: %v\n%s", err, out)
		}
		_, _, n := tm.Counts(plan(tm, pick))
		if n != len(back.Segments) {
			t.Fatalf("Counts %d != %d segments written", n, len(back.Segments))
		}
		again := Compile(m, opts, tm)
		seq1, disc1, _ := tm.Counts(plan(tm, pick))
		seq2, disc2, _ := again.Counts(plan(again, pick))
		if m.EndList || m.PlaylistType == "VOD" {
			return
		}
		if seq1 != seq2 || disc1 != disc2 {
			t.Fatalf("same window compiled twice numbers differently: %d/%d vs %d/%d", seq1, disc1, seq2, disc2)
		}
		// The next refresh (first segment slid out) never goes back.
		if len(m.Segments) > 1 {
			next := *m
			next.Segments = m.Segments[1:]
			nt := Compile(&next, opts, again)
			seq3, _, _ := nt.Counts(plan(nt, pick))
			if seq3 < seq2 {
				t.Fatalf("media sequence went back after a refresh: %d -> %d", seq2, seq3)
			}
		}
	})
}
