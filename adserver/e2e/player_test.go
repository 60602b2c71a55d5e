package e2e

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// wantCC is the discontinuity counter of each fragment of vod.m3u8.
var wantCC = []int{0, 0, 0, 1, 1, 1}

func TestHLSJSPlaysStitchedVOD(t *testing.T) {
	srv := newStreamServer(t, testClips(t), true)
	res := PlayHLSJS(t, srv.URL+"/vod.m3u8", PlayOptions{Seconds: 60})

	if err := res.VerifyVOD(wantCC); err != nil {
		t.Fatalf("correct stitched VOD: %v", err)
	}
	if want := []int64{0, 1, 2, 3, 4, 5}; !slices.Equal(res.SNs(), want) {
		t.Errorf("FRAG_CHANGED sn = %v, want %v", res.SNs(), want)
	}
	for i, url := range res.URLs() {
		if !strings.HasSuffix(url, "/seg/"+clipSegments[i]) {
			t.Errorf("fragment %d url %s, want …/seg/%s", i, url, clipSegments[i])
		}
	}
	if !res.OK || res.FinalTime < 11.5 {
		t.Errorf("ok %t, final time %.3fs: want ok and about 12s", res.OK, res.FinalTime)
	}
	if len(res.Levels) == 0 {
		t.Fatal("no LEVEL_LOADED recorded")
	}
	lvl := res.Levels[0]
	if lvl.Live || lvl.StartSN != 0 || lvl.EndSN != 5 || lvl.StartCC != 0 || lvl.EndCC != 1 || len(lvl.Frags) != 6 {
		t.Errorf("LEVEL_LOADED = %+v, want VOD sn 0..5 cc 0..1 with 6 fragments", lvl)
	}
}

func TestHLSJSReportsMissingCORS(t *testing.T) {
	srv := newStreamServer(t, testClips(t), false)
	res := PlayHLSJS(t, srv.URL+"/vod.m3u8", PlayOptions{Seconds: 30})

	if res.Fatal != "networkError:manifestLoadError" {
		t.Errorf("fatal = %q, want networkError:manifestLoadError (errors %v)", res.Fatal, res.ErrorDetails())
	}
	if res.Ended || res.OK || len(res.Frags) != 0 {
		t.Errorf("ended %t ok %t frags %v: a stream without CORS must not play", res.Ended, res.OK, res.SNs())
	}
	if err := res.VerifyVOD(wantCC); !errors.Is(err, ErrPlayerFatal) {
		t.Errorf("VerifyVOD = %v, want ErrPlayerFatal", err)
	}
}

// The guard against a test that cannot fail: the same clips without their
// EXT-X-DISCONTINUITY must not pass the checks the correct stream passes.
func TestHLSJSExposesMissingDiscontinuity(t *testing.T) {
	srv := newStreamServer(t, testClips(t), true)
	res := PlayHLSJS(t, srv.URL+"/nodisc.m3u8", PlayOptions{Seconds: 10})

	got := res.Discontinuities()
	if slices.Equal(got, wantCC) {
		t.Fatalf("cc sequence %v equals the correct stream's: the harness cannot see a missing discontinuity", got)
	}
	for _, cc := range got {
		if cc != 0 {
			t.Errorf("cc sequence %v: a playlist without EXT-X-DISCONTINUITY must keep cc 0", got)
			break
		}
	}
	err := res.VerifyVOD(wantCC)
	if !errors.Is(err, ErrDiscontinuities) {
		t.Errorf("VerifyVOD = %v, want ErrDiscontinuities", err)
	}
	// What hls.js 1.7 does here: clip b's timestamps sit 3600 s before clip
	// a's, so its fragments land before the timeline start, playback stalls
	// at ~6 s (bufferStalledError) and never ends. Logged, not asserted: a
	// later hls.js may handle the jump differently; the cc check above holds.
	t.Logf("without discontinuity: %v", err)
}

func TestHLSJSFollowsLiveWindow(t *testing.T) {
	srv := newStreamServer(t, testClips(t), true)
	res := PlayHLSJS(t, srv.URL+"/live.m3u8", PlayOptions{Mode: "live", Seconds: 12})

	if res.Fatal != "" || res.Ended {
		t.Fatalf("live run: fatal %q ended %t, want neither", res.Fatal, res.Ended)
	}
	sns := res.SNs()
	if len(sns) < 4 {
		t.Fatalf("FRAG_CHANGED sn %v: want at least 4 fragments in 12 s", sns)
	}
	for i := 1; i < len(sns); i++ {
		if sns[i] <= sns[i-1] {
			t.Fatalf("FRAG_CHANGED sn %v not strictly increasing", sns)
		}
	}
	for _, f := range res.Frags {
		if want := int(f.SN / clipLength); f.CC != want {
			t.Errorf("fragment sn %d cc %d, want %d (discontinuity sequence)", f.SN, f.CC, want)
		}
	}
	if len(res.Levels) < 2 || !res.Levels[0].Live {
		t.Fatalf("LEVEL_LOADED %d times (live %t): want the live playlist reloaded", len(res.Levels), len(res.Levels) > 0 && res.Levels[0].Live)
	}
	if first, last := res.Levels[0].StartSN, res.Levels[len(res.Levels)-1].StartSN; last <= first {
		t.Errorf("playlist window did not slide: startSN %d then %d", first, last)
	}
	if res.FinalTime < 6 {
		t.Errorf("final time %.3fs after 12 s of live: want at least 6 s played", res.FinalTime)
	}
}
