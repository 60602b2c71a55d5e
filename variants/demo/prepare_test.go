package demo

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafov/m3u8"
)

// needFFmpeg skips tests that render or probe media on machines without
// ffmpeg.
func needFFmpeg(t testing.TB) {
	t.Helper()
	for _, bin := range []string{"ffmpeg", "ffprobe"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Skipf("%s is not on PATH (apt-get install ffmpeg): %v", bin, err)
		}
	}
}

// TestPrepare renders into a fresh directory, checks every rendition with
// ffprobe independently of what Prepare probed itself, and checks that a
// second Prepare neither renders nor even looks for ffmpeg.
func TestPrepare(t *testing.T) {
	needFFmpeg(t)
	dir := filepath.Join(t.TempDir(), "demo")
	// Two Prepare calls race; the lock makes the second wait for the first
	// one's render instead of rendering too.
	start, cpu := time.Now(), childrenCPU()
	var racer *Assets
	var racerErr error
	var wg sync.WaitGroup
	wg.Go(func() { racer, racerErr = Prepare(t.Context(), dir, nil) })
	a, err := Prepare(t.Context(), dir, nil)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if racerErr != nil {
		t.Fatalf("concurrent Prepare: %v", racerErr)
	}
	if racer.Content.StartPTS != a.Content.StartPTS || racer.Content.Variants[1].Bandwidth != a.Content.Variants[1].Bandwidth {
		t.Errorf("concurrent Prepare calls describe different media")
	}
	t.Logf("first Prepare (renders): %v wall, %v CPU in ffmpeg/ffprobe",
		time.Since(start).Round(time.Millisecond), (childrenCPU() - cpu).Round(time.Millisecond))

	t.Run("media", func(t *testing.T) { checkAssets(t, a) })

	t.Run("second Prepare is a no-op", func(t *testing.T) {
		marker := filepath.Join(dir, markerName)
		before, err := os.Stat(marker)
		if err != nil {
			t.Fatal(err)
		}
		t.Setenv("PATH", "") // any ffmpeg run would now fail with ErrNoFFmpeg
		start := time.Now()
		b, err := Prepare(t.Context(), dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		took := time.Since(start)
		if took > time.Second {
			t.Errorf("second Prepare took %v", took)
		}
		after, err := os.Stat(marker)
		if err != nil {
			t.Fatal(err)
		}
		if !after.ModTime().Equal(before.ModTime()) {
			t.Error("second Prepare rewrote the marker")
		}
		if b.Content.StartPTS != a.Content.StartPTS || len(b.Ads) != len(a.Ads) {
			t.Errorf("second Prepare described different media: %+v", b)
		}
		t.Logf("second Prepare: %v", took)
	})
}

// checkAssets verifies rendered media with ffprobe.
func checkAssets(t *testing.T, a *Assets) {
	wantNames := []string{"vod", "ads/house-10s", "ads/house-15s", "ads/house-20s", "slate"}
	var names []string
	for _, c := range a.Clips() {
		names = append(names, c.Name)
	}
	if strings.Join(names, " ") != strings.Join(wantNames, " ") {
		t.Fatalf("clips %v, want %v", names, wantNames)
	}
	if a.Content.Duration != 60*time.Second || len(a.Content.Variants[0].Segments) != ContentSegments {
		t.Errorf("content: %v in %d segments", a.Content.Duration, len(a.Content.Variants[0].Segments))
	}
	if a.Slate.SegmentDuration != time.Second || a.Slate.GOP != time.Second {
		t.Errorf("slate segments %v, GOP %v, want 1s", a.Slate.SegmentDuration, a.Slate.GOP)
	}

	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for _, c := range a.Clips() {
		checkMaster(t, a, c)
		for i, v := range c.Variants {
			r := a.Ladder[i]
			if v.Codecs != a.Content.Variants[i].Codecs {
				t.Errorf("%s %s CODECS %q, content has %q", c.Name, r.Name, v.Codecs, a.Content.Variants[i].Codecs)
			}
			checkMediaPlaylist(t, a.Path(c.Name+"/"+v.URI), c)
			for k, s := range v.Segments {
				wg.Go(func() {
					sem <- struct{}{}
					defer func() { <-sem }()
					checkSegment(t, a.Path(c.Name+"/"+r.Name+"/"+s.URI), c, r, k, s)
				})
			}
		}
	}
	wg.Wait()

	for i, v := range a.Content.Variants {
		avg := v.AverageBandwidth
		lo, hi := 500_000, 1_100_000
		if i == 1 {
			lo, hi = 1_800_000, 3_200_000
		}
		if avg < lo || avg > hi {
			t.Errorf("content %s AVERAGE-BANDWIDTH %d, want %d..%d", v.Rendition, avg, lo, hi)
		}
	}
}

func checkMaster(t *testing.T, a *Assets, c *Clip) {
	t.Helper()
	f, err := os.Open(a.Path(c.Master()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pl, kind, err := m3u8.DecodeFrom(f, true)
	if err != nil || kind != m3u8.MASTER {
		t.Fatalf("%s: %v (kind %v)", c.Master(), err, kind)
	}
	variants := pl.(*m3u8.MasterPlaylist).Variants
	if len(variants) != len(a.Ladder) {
		t.Fatalf("%s: %d variants", c.Master(), len(variants))
	}
	for i, v := range variants {
		r := a.Ladder[i]
		if v.URI != r.Name+"/index.m3u8" || v.Codecs != c.Variants[i].Codecs ||
			v.Resolution != strconv.Itoa(r.Width)+"x"+strconv.Itoa(r.Height) || v.FrameRate != 30 ||
			v.Bandwidth == 0 || v.AverageBandwidth == 0 || v.AverageBandwidth > v.Bandwidth {
			t.Errorf("%s variant %d: %+v", c.Master(), i, v.VariantParams)
		}
		if !strings.HasPrefix(v.Codecs, "avc1.64") || !strings.HasSuffix(v.Codecs, ",mp4a.40.2") {
			t.Errorf("%s CODECS %q, want High profile H.264 and AAC-LC", c.Master(), v.Codecs)
		}
	}
}

func checkMediaPlaylist(t *testing.T, path string, c *Clip) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	target := "#EXT-X-TARGETDURATION:" + strconv.Itoa(int(c.SegmentDuration/time.Second)) + "\n"
	for _, want := range []string{"#EXT-X-PLAYLIST-TYPE:VOD\n", "#EXT-X-ENDLIST\n", target} {
		if !strings.Contains(text, want) {
			t.Errorf("%s lacks %q", path, want)
		}
	}
}

// checkSegment probes one segment: codecs and formats, its video frames
// (count = duration × 30, starting on a keyframe, keyframes exactly one
// GOP apart and nowhere else) and its audio.
func checkSegment(t *testing.T, path string, c *Clip, r Rendition, index int, s Segment) {
	out, err := exec.Command("ffprobe", "-v", "error", "-of", "json",
		"-show_entries", "stream=index,codec_type,codec_name,profile,width,height,pix_fmt,r_frame_rate,sample_rate,channels:packet=stream_index,pts,flags",
		"-show_packets", path).Output()
	if err != nil {
		t.Errorf("ffprobe %s: %v", path, err)
		return
	}
	var doc struct {
		Streams []streamInfo `json:"streams"`
		Packets []struct {
			Stream int    `json:"stream_index"`
			PTS    int64  `json:"pts"`
			Flags  string `json:"flags"`
		} `json:"packets"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Errorf("ffprobe %s: %v", path, err)
		return
	}
	videoIndex, audioPackets := -1, 0
	for i, st := range doc.Streams {
		if st.CodecType == "video" {
			videoIndex = i
		}
	}
	var video, audio streamInfo
	for _, st := range doc.Streams {
		switch st.CodecType {
		case "video":
			video = st
		case "audio":
			audio = st
		}
	}
	if err := checkStreams(video, audio, r); err != nil {
		t.Errorf("%s: %v", path, err)
	}

	const frameTicks = 90000 / 30
	gopFrames := int64(c.GOP / time.Second * 30)
	var frames []int64
	var keys []int64
	for _, p := range doc.Packets {
		if p.Stream != videoIndex {
			audioPackets++
			continue
		}
		frames = append(frames, p.PTS)
		if strings.Contains(p.Flags, "K") {
			keys = append(keys, p.PTS)
		}
	}
	wantFrames := int(s.Duration * 30 / time.Second)
	if len(frames) != wantFrames {
		t.Errorf("%s: %d video frames, want %d (%v)", path, len(frames), wantFrames, s.Duration)
		return
	}
	segStart := int64(c.StartPTS) + int64(index)*int64(c.SegmentDuration/time.Second)*90000
	minPTS := frames[0]
	for _, pts := range frames {
		minPTS = min(minPTS, pts)
	}
	if minPTS != segStart {
		t.Errorf("%s: first frame PTS %d, want %d", path, minPTS, segStart)
	}
	if len(keys) == 0 || keys[0] != segStart {
		t.Errorf("%s: keyframes %v, want the first at %d", path, keys, segStart)
	}
	for i, k := range keys {
		if want := segStart + int64(i)*gopFrames*frameTicks; k != want {
			t.Errorf("%s: keyframe %d at PTS %d, want %d (GOP %v)", path, i, k, want, c.GOP)
		}
	}
	if wantKeys := (wantFrames + int(gopFrames) - 1) / int(gopFrames); len(keys) != wantKeys {
		t.Errorf("%s: %d keyframes, want %d", path, len(keys), wantKeys)
	}
	// AAC frames are 1024 samples at 48 kHz: 46.875 a second. Segments cut
	// on video frames, so a frame or two moves across a cut; the last
	// segment also carries the encoder's priming and padding frames.
	if wantAudio := s.Duration.Seconds() * 46.875; float64(audioPackets) < wantAudio-2 || float64(audioPackets) > wantAudio+4 {
		t.Errorf("%s: %d AAC frames, want about %.1f", path, audioPackets, wantAudio)
	}
}

// TestTestDir prepares the shared per-machine cache that tests of other
// packages use, so a broken cache shows up here first.
func TestTestDir(t *testing.T) {
	needFFmpeg(t)
	a, err := Prepare(t.Context(), TestDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Dir != TestDir() || a.Version != Version {
		t.Errorf("got %s version %d", a.Dir, a.Version)
	}
}

// TestPrepareCanceled checks that a canceled render leaves nothing that
// Load would accept.
func TestPrepareCanceled(t *testing.T) {
	needFFmpeg(t)
	dir := filepath.Join(t.TempDir(), "demo")
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	if _, err := Prepare(ctx, dir, nil); err == nil {
		t.Fatal("Prepare succeeded in 300ms; the test needs a render that takes longer")
	}
	if _, err := Load(dir); err == nil {
		t.Fatal("Load accepted an interrupted render")
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary %s left behind", e.Name())
		}
	}
}
