package e2e

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/analytics"
)

// The stitched VOD (60 s of content + pre-roll, mid-roll and post-roll of
// 30 s) decodes in ffmpeg without errors and lasts what the playlist says.
func TestFFmpegDecodesStitchedVOD(t *testing.T) {
	r := startAdstitch(t)
	master := r.session(t, "vod", "ffmpeg-1")
	m := r.playlist(t, master, 0)
	var want float64
	ads := 0
	for _, s := range m.Segments {
		want += s.Duration
		if isAd(s.URI) {
			ads++
		}
	}
	if want < 149 || want > 151 || ads == 0 {
		t.Fatalf("playlist lasts %.1f s with %d ad segments, want 150 s with ads", want, ads)
	}
	res := FFmpegDecode(t, master, 3*time.Minute)
	if len(res.Errors) > 0 {
		t.Fatalf("ffmpeg decode errors: %v", res.Errors)
	}
	// Count decoded video frames (30 fps): ffmpeg's clock keeps running
	// across discontinuities, so its time= is not the media duration.
	if got := float64(res.Frames) / 30; math.Abs(got-want) > 0.5 {
		t.Fatalf("ffmpeg decoded %d frames = %.2f s, playlist says %.2f s", res.Frames, got, want)
	}
}

// hls.js plays the stitched VOD to the end, in playlist order, with its
// discontinuity counter following every ad boundary.
func TestHLSJSPlaysAdstitchVOD(t *testing.T) {
	r := startAdstitch(t)
	master := r.session(t, "vod", "hlsjs-1") // one session for the player and the checks
	m := r.playlist(t, master, 0)
	res := PlayHLSJS(t, master, PlayOptions{Mode: "vod", Rate: 4, Seconds: 150})
	if !res.Ended || res.Fatal != "" {
		t.Fatalf("playback: ended=%v fatal=%q errors=%v", res.Ended, res.Fatal, res.Errors)
	}
	noHTTPErrors(t, res)
	// Every fragment shown is the playlist's segment of that sequence
	// number, with that segment's discontinuity sequence number.
	bySN := map[int64]int{}
	for i, s := range m.Segments {
		bySN[int64(s.Seq)] = i
	}
	for k, f := range res.Frags {
		i, ok := bySN[f.SN]
		if !ok {
			t.Fatalf("frag %d: sn %d not in playlist", k, f.SN)
		}
		seg := m.Segments[i]
		if f.CC != int(seg.DiscSeq) {
			t.Fatalf("frag sn %d: cc %d, playlist discontinuity sequence %d", f.SN, f.CC, seg.DiscSeq)
		}
		if isAd(f.URL) != isAd(seg.URI) {
			t.Fatalf("frag sn %d: %s, playlist has %s", f.SN, f.URL, seg.URI)
		}
		if k > 0 && f.SN != res.Frags[k-1].SN+1 {
			t.Fatalf("fragments out of order: %d after %d", f.SN, res.Frags[k-1].SN)
		}
	}
	if n := len(res.Frags); n != len(m.Segments) {
		t.Fatalf("played %d fragments of %d", n, len(m.Segments))
	}
	ccs := map[int]bool{}
	for _, f := range res.Frags {
		ccs[f.CC] = true
	}
	if len(ccs) < 7 { // pre-roll (2 ads), content, mid-roll, content, post-roll...
		t.Fatalf("discontinuity counter took %d values, want every ad boundary", len(ccs))
	}
	if r.rec.count(analytics.Impression) == 0 || r.rec.count(analytics.Complete) == 0 {
		t.Fatalf("no server-side beacons recorded while playing")
	}
}

// hls.js plays each live dialect across an ad break: sequence numbers
// advance one by one, the discontinuity counter steps at every boundary
// between content and ads, and nothing is fatal.
func TestHLSJSPlaysLiveAcrossBreaks(t *testing.T) {
	for _, stream := range []string{"live-daterange", "live-oatcls"} {
		t.Run(stream, func(t *testing.T) {
			t.Parallel()
			r := startAdstitch(t)
			master := r.URL + "/v1/master/" + stream + ".m3u8?viewer_id=live-1&device=tv"
			// A session that begins just after a break (left as the origin
			// has it) plays three segments behind the live edge, then 13
			// segments of content and the next 5-segment break: 76 s of
			// media before content returns, plus start-up.
			res := PlayHLSJS(t, master, PlayOptions{Mode: "live", Seconds: 90})
			for _, e := range res.Errors {
				t.Logf("player error at %v: %s fatal=%v code=%d %s: %.300s", e.At, e, e.Fatal, e.Code, e.URL, e.Reason)
			}
			if res.Fatal != "" {
				t.Fatalf("fatal: %s %v", res.Fatal, res.Errors)
			}
			noHTTPErrors(t, res)
			var sawAd, sawContentAfterAd bool
			for k, f := range res.Frags {
				if isAd(f.URL) {
					sawAd = true
				} else if sawAd {
					sawContentAfterAd = true
				}
				if k == 0 {
					continue
				}
				p := res.Frags[k-1]
				if f.SN == p.SN && f.CC == p.CC && isAd(f.URL) == isAd(p.URL) {
					continue // hls.js shows a fragment again (maybe from another level) after a stall
				}
				if f.SN != p.SN+1 {
					t.Fatalf("sn %d after %d", f.SN, p.SN)
				}
				boundary := isAd(f.URL) != isAd(p.URL) || (isAd(f.URL) && adItem(f.URL) != adItem(p.URL))
				if boundary && f.CC != p.CC+1 {
					t.Fatalf("boundary %s -> %s: cc %d -> %d, want +1", p.URL, f.URL, p.CC, f.CC)
				}
				if !boundary && f.CC != p.CC && !strings.Contains(f.URL, "seg_00000") {
					t.Fatalf("cc changed %d -> %d without a boundary (%s -> %s)", p.CC, f.CC, p.URL, f.URL)
				}
			}
			if !sawAd || !sawContentAfterAd {
				t.Fatalf("90 s of live did not cross a whole break (ad=%v back to content=%v): %v", sawAd, sawContentAfterAd, res.SNs())
			}
		})
	}
}

// adItem names the pod position and ad of an ad segment URL.
func adItem(u string) string {
	i := strings.Index(u, "/a/")
	parts := strings.Split(u[i+3:], "/")
	if len(parts) < 3 {
		return u
	}
	return strings.Join(parts[:3], "/")
}

// noHTTPErrors fails when adstitch or the origin answered a player request
// with an HTTP error (time-outs on a loaded 2-core machine are tolerated).
func noHTTPErrors(t *testing.T, res *PlayResult) {
	t.Helper()
	for _, e := range res.Errors {
		if e.Code >= 400 {
			t.Fatalf("player got HTTP %d for %s (%s)", e.Code, e.URL, e)
		}
	}
}
