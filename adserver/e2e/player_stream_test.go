package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The test stream: clip "a" (testsrc, H.264 baseline, 440 Hz tone,
// timestamps from 3600 s, like content) and clip "b" (testsrc2, H.264 main,
// 880 Hz, timestamps from 0, like an ad encoded separately), 6 s each in
// 2 s MPEG-TS segments: a0 a1 a2 b0 b1 b2.
var clipSegments = []string{"a0.ts", "a1.ts", "a2.ts", "b0.ts", "b1.ts", "b2.ts"}

const (
	segmentSeconds = 2
	clipLength     = 3 // segments per clip
)

var sharedClips struct {
	once sync.Once
	dir  string
	err  error
}

// testClips returns the directory holding clipSegments, encoding them on the
// first call of the test binary.
func testClips(tb testing.TB) string {
	tb.Helper()
	ffmpeg := findFFmpeg(tb)
	sharedClips.once.Do(func() {
		start := time.Now()
		sharedClips.dir, sharedClips.err = encodeClips(ffmpeg)
		tb.Logf("encoded test clips in %.1fs", time.Since(start).Seconds())
	})
	if sharedClips.err != nil {
		tb.Fatal(sharedClips.err)
	}
	return sharedClips.dir
}

func removeSharedClips() {
	if sharedClips.dir != "" {
		os.RemoveAll(sharedClips.dir)
	}
}

func encodeClips(ffmpeg string) (string, error) {
	dir, err := os.MkdirTemp("", "adstitch-e2e-clips-")
	if err != nil {
		return "", fmt.Errorf("clip dir: %w", err)
	}
	clips := []struct {
		name, video, tone, profile, tsOffset string
	}{
		{"a", "testsrc=size=320x180:rate=25", "sine=frequency=440:sample_rate=48000", "baseline", "3600"},
		{"b", "testsrc2=size=320x180:rate=25", "sine=frequency=880:sample_rate=48000", "main", "0"},
	}
	for _, c := range clips {
		cmd := exec.Command(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error",
			"-f", "lavfi", "-i", c.video, "-f", "lavfi", "-i", c.tone, "-t", "6",
			"-c:v", "libx264", "-profile:v", c.profile, "-preset", "ultrafast", "-pix_fmt", "yuv420p",
			"-g", "50", "-keyint_min", "50", "-sc_threshold", "0",
			"-c:a", "aac", "-b:a", "64k", "-ac", "2",
			"-output_ts_offset", c.tsOffset,
			"-f", "hls", "-hls_time", strconv.Itoa(segmentSeconds), "-hls_list_size", "0",
			"-hls_segment_filename", filepath.Join(dir, c.name+"%d.ts"),
			filepath.Join(dir, c.name+".m3u8"))
		if out, err := cmd.CombinedOutput(); err != nil {
			os.RemoveAll(dir)
			return "", fmt.Errorf("encode clip %s: %w\n%s", c.name, err, out)
		}
	}
	for _, seg := range clipSegments {
		if _, err := os.Stat(filepath.Join(dir, seg)); err != nil {
			os.RemoveAll(dir)
			return "", fmt.Errorf("encode clips: %w", err)
		}
	}
	return dir, nil
}

// newStreamServer serves the test playlists (see player_playlist_test.go)
// and segments from dir. With cors it answers like a stitcher should for a
// web player on another origin; without, every cross-origin read fails.
func newStreamServer(tb testing.TB, dir string, cors bool) *httptest.Server {
	tb.Helper()
	var liveOnce sync.Once
	var liveStart time.Time
	playlist := func(body func() []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/vnd.apple.mpegurl")
			w.Header().Set("Cache-Control", "no-cache")
			w.Write(body())
		}
	}
	segment := func(w http.ResponseWriter, r *http.Request, name string) {
		w.Header().Set("Content-Type", "video/mp2t")
		http.ServeFile(w, r, filepath.Join(dir, name))
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /vod.m3u8", playlist(func() []byte { return vodPlaylist(clipSegments, true) }))
	mux.HandleFunc("GET /nodisc.m3u8", playlist(func() []byte { return vodPlaylist(clipSegments, false) }))
	mux.HandleFunc("GET /missing-segment.m3u8", playlist(func() []byte {
		segs := append([]string(nil), clipSegments...)
		segs[4] = "missing.ts"
		return vodPlaylist(segs, true)
	}))
	mux.HandleFunc("GET /live.m3u8", playlist(func() []byte {
		liveOnce.Do(func() { liveStart = time.Now() })
		return livePlaylist(int64(time.Since(liveStart) / (segmentSeconds * time.Second)))
	}))
	mux.HandleFunc("GET /seg/{name}", func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("name")
		for _, seg := range clipSegments {
			if seg == name {
				segment(w, r, name)
				return
			}
		}
		http.NotFound(w, r)
	})
	mux.HandleFunc("GET /live/{sn}", func(w http.ResponseWriter, r *http.Request) {
		sn, ok := liveSegmentSN(r.PathValue("sn"))
		if !ok {
			http.NotFound(w, r)
			return
		}
		segment(w, r, clipSegments[sn%int64(len(clipSegments))])
	})

	var h http.Handler = mux
	if cors {
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			mux.ServeHTTP(w, r)
		})
	}
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return srv
}

// liveSegmentSN reads "12.ts" as 12.
func liveSegmentSN(name string) (int64, bool) {
	digits, ok := strings.CutSuffix(name, ".ts")
	if !ok {
		return 0, false
	}
	sn, err := strconv.ParseInt(digits, 10, 64)
	return sn, err == nil && sn >= 0
}
