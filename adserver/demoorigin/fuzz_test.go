package demoorigin

import (
	"strings"
	"testing"
	"time"
)

// FuzzRelPath checks that whatever relPath accepts stays below the root.
func FuzzRelPath(f *testing.F) {
	for _, tc := range relPathCases {
		f.Add(tc.raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		rel, err := relPath(raw)
		if err != nil {
			return
		}
		if strings.HasPrefix(rel, "/") || strings.ContainsAny(rel, "\x00\\") {
			t.Fatalf("relPath(%q) = %q", raw, rel)
		}
		for _, seg := range strings.Split(rel, "/") {
			if seg == "" || seg == "." || seg == ".." {
				t.Fatalf("relPath(%q) = %q has segment %q", raw, rel, seg)
			}
		}
		_ = staticType(rel)
	})
}

// FuzzLiveMaster checks that LiveMaster never panics and that what it
// accepts has every URI line rewritten to a live playlist.
func FuzzLiveMaster(f *testing.F) {
	f.Add([]byte(fakeMaster), uint8(0))
	f.Add([]byte("#EXTM3U\r\n#EXT-X-STREAM-INF:BANDWIDTH=1\r\n360p/index.m3u8\r\n"), uint8(1))
	f.Add([]byte("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nindex.m3u8\n"), uint8(2))
	f.Fuzz(func(t *testing.T, master []byte, cue uint8) {
		d := Dialect(cue % 3)
		out, err := LiveMaster(nil, master, d)
		if err != nil {
			return
		}
		for _, line := range strings.Split(string(out), "\n") {
			if line != "" && !strings.HasPrefix(line, "#") && !strings.HasSuffix(line, ".m3u8?cue="+d.String()) {
				t.Fatalf("URI line %q not rewritten", line)
			}
		}
	})
}

// FuzzLivePlaylist checks the live playlist at arbitrary instants and
// window sizes: it always decodes strictly and keeps its invariants.
func FuzzLivePlaylist(f *testing.F) {
	dir := fakeMedia(f)
	for _, in := range liveInstants {
		f.Add(int64(time.Duration(in.ended)*4*time.Second+in.extra)/int64(time.Millisecond), uint8(DefaultWindow), uint8(1))
	}
	f.Add(int64(-5000), uint8(3), uint8(0))
	f.Add(int64(1<<40), uint8(1), uint8(2))
	f.Fuzz(func(t *testing.T, ms int64, window, cue uint8) {
		if ms > 1<<45 || ms < -1<<45 { // keep within a few centuries of the epoch
			return
		}
		o := New(dir, Options{Window: int(window)})
		b := o.LivePlaylist(nil, "360p", Dialect(cue%3), DefaultEpoch.Add(time.Duration(ms)*time.Millisecond))
		checkLive(t, b, "360p", Dialect(cue%3))
	})
}
