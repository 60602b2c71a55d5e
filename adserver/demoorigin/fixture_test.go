package demoorigin

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/adstitch/adstitch/variants/demo"
)

// fakeMaster is a VOD master as variants/demo writes it, with made-up
// numbers.
const fakeMaster = `#EXTM3U
#EXT-X-VERSION:3
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-STREAM-INF:BANDWIDTH=900000,AVERAGE-BANDWIDTH=860000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=640x360,FRAME-RATE=30.000
360p/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=2700000,AVERAGE-BANDWIDTH=2550000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720,FRAME-RATE=30.000
720p/index.m3u8
`

// fakeMedia writes a tiny stand-in for the demo media: the playlists the
// origin reads and dummy segment files, plus things it must not serve (the
// marker, a text file, a directory named like a segment, and a secret one
// level above the root). It returns the root.
func fakeMedia(t testing.TB) string {
	t.Helper()
	parent := t.TempDir()
	dir := filepath.Join(parent, "demo")
	files := map[string]string{
		"vod/master.m3u8":                 fakeMaster,
		"ads/house-10s/master.m3u8":       fakeMaster,
		"ads/house-10s/360p/index.m3u8":   vodPlaylist(3),
		"ads/house-10s/360p/seg_00000.ts": "ad segment",
		"slate/720p/index.m3u8":           vodPlaylist(10),
		"assets.json":                     `{"version":0}`,
		"vod/notes.txt":                   "not media",
		"../secret.m3u8":                  "secret",
		"../demo-other/secret.ts":         "secret",
	}
	for _, r := range []string{"360p", "720p"} {
		files["vod/"+r+"/index.m3u8"] = vodPlaylist(demo.ContentSegments)
		for i := range demo.ContentSegments {
			files["vod/"+r+"/"+demo.SegmentName(i)] = "segment " + r + " " + strconv.Itoa(i)
		}
	}
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "vod", "dir.ts"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func vodPlaylist(segments int) string {
	s := "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n"
	for i := range segments {
		s += "#EXTINF:4.000000,\n" + demo.SegmentName(i) + "\n"
	}
	return s + "#EXT-X-ENDLIST\n"
}

// at returns the instant when exactly ended live segments have ended, plus
// extra (less than a segment).
func at(ended int64, extra time.Duration) time.Time {
	return DefaultEpoch.Add(time.Duration(ended)*demo.SegmentDuration + extra)
}
