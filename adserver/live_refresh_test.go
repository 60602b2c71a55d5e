package adserver

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/demoorigin"
	"github.com/adstitch/adstitch/configs"
	"github.com/adstitch/adstitch/manifest"
)

// fakeClock is a settable clock shared by the origin and the server.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// A player reloads a live stitched playlist over many breaks. Between any
// two reloads, and between renditions, a media sequence number keeps its
// URI and its discontinuity sequence number (RFC 8216 §6.2.2; hls.js
// fails with levelParsingError otherwise), the numbers never go back, and
// new segments follow the old ones.
func TestLiveReloadsKeepNumbering(t *testing.T) {
	dialects := []struct {
		name string
		d    demoorigin.Dialect
	}{
		{"cueout", demoorigin.DialectCueOut},
		{"daterange", demoorigin.DialectDateRange},
		{"oatcls", demoorigin.DialectOATCLS},
	}
	// Sessions start at every segment of the loop (some inside a break,
	// some just after one), early or late inside the segment, and reload
	// at steps that do not divide the 4 s segments, so reloads land at
	// every phase of the window.
	steps := []time.Duration{1300 * time.Millisecond, 2 * time.Second, 3100 * time.Millisecond, 4 * time.Second, 7 * time.Second}
	subs := []time.Duration{10 * time.Millisecond, 2700 * time.Millisecond}
	for _, dl := range dialects {
		for startSeg := 0; startSeg < demoorigin.LoopSegments; startSeg++ {
			for k, sub := range subs {
				step := steps[(startSeg+k)%len(steps)]
				start := time.Duration(startSeg)*4*time.Second + sub
				t.Run(fmt.Sprintf("%s/start=%v/step=%v", dl.name, start, step), func(t *testing.T) {
					t.Parallel()
					org := demoorigin.New(t.TempDir(), demoorigin.Options{})
					src := func(r string, now time.Time) string {
						return strings.ReplaceAll(string(org.LivePlaylist(nil, r, dl.d, now)), "../vod/"+r+"/", "")
					}
					const cycle = 1000 // far from the epoch, like a stream that has run for a day
					t0 := demoorigin.DefaultEpoch.Add(time.Duration(cycle*demoorigin.LoopSegments)*4*time.Second + start)
					checkLiveReloads(t, src, t0, step, 4*time.Minute, 20*time.Second, 3)
				})
			}
		}
	}
}

// liveSource renders rendition r's live media playlist at now.
type liveSource func(r string, now time.Time) string

// checkLiveReloads serves src from t0 on, a fake clock driving the origin
// and adstitch alike, and reloads a session's playlists every step for
// span, checking the numbering rules across reloads and renditions, and
// that at least minBreaks breaks were stitched.
func checkLiveReloads(t *testing.T, src liveSource, t0 time.Time, step, span, breakDuration time.Duration, minBreaks int) {
	checkLiveReloadsOn(t, 1, src, t0, step, span, breakDuration, minBreaks)
}

// checkLiveReloadsOn is checkLiveReloads with the reloads spread over
// instances adstitch servers sharing the origin, the clock and the keys,
// in turn, as behind a load balancer.
func checkLiveReloadsOn(t *testing.T, instances int, src liveSource, t0 time.Time, step, span, breakDuration time.Duration, minBreaks int) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	clock := &fakeClock{t: t0}
	rends := []string{"360p", "720p"}
	publish := func() {
		for _, r := range rends {
			o.set("/live/"+r+".m3u8", src(r, clock.Now()))
		}
	}
	o.set("/live/master.m3u8", testMaster)
	publish()
	var servers []*testServer
	for range instances {
		servers = append(servers, startServerWith(t, o, "", func(dp *Deps) {
			dp.Now = clock.Now
			dp.Config.Streams = append(dp.Config.Streams, configs.Stream{
				ID: "live", Origin: o.srv.URL + "/live/master.m3u8", Kind: configs.KindLive,
				BreakDuration: configs.Duration(breakDuration),
			})
		}))
	}
	ts := servers[0]
	sess := newSession(t, ts, `{"stream":"live","viewer_id":"reloader","device":"tv"}`)
	code, _, master := get(t, sess.ManifestURL)
	if code != 200 {
		t.Fatalf("master = %d %s", code, master)
	}
	var urls []string
	for _, l := range strings.Split(master, "\n") {
		if strings.HasPrefix(l, "/v1/s/") {
			urls = append(urls, ts.url+l)
		}
	}
	if len(urls) != len(rends) {
		t.Fatalf("master lists %d playlists, want %d:\n%s", len(urls), len(rends), master)
	}

	uris := make([]map[uint64]string, len(urls)) // per rendition, every reload
	for i := range uris {
		uris[i] = map[uint64]string{}
	}
	discs := map[uint64]uint64{} // every rendition, every reload
	prev := make([]*manifest.Media, len(urls))
	ads, breaksSeen := 0, map[string]bool{}
	for k := 0; k < int(span/step); k++ {
		for i, u := range urls {
			srv := servers[k%len(servers)]
			code, _, body := get(t, strings.Replace(u, ts.url, srv.url, 1))
			if code != 200 {
				t.Fatalf("reload %d: %s = %d %s", k, u, code, body)
			}
			m, err := manifest.ParseMedia([]byte(body), u)
			if err != nil {
				t.Fatalf("reload %d: %v\n%s", k, err, body)
			}
			if len(m.Segments) == 0 {
				t.Fatalf("reload %d: empty window\n%s", k, body)
			}
			if p := prev[i]; p != nil {
				if m.MediaSequence < p.MediaSequence || m.DiscontinuitySequence < p.DiscontinuitySequence {
					t.Fatalf("reload %d went back: seq %d->%d disc %d->%d\nbefore:\n%s\nafter:\n%s", k,
						p.MediaSequence, m.MediaSequence, p.DiscontinuitySequence, m.DiscontinuitySequence, dump(p), body)
				}
				last := p.Segments[len(p.Segments)-1].Seq
				if m.MediaSequence > last+1 {
					t.Fatalf("reload %d: window jumped from last %d to first %d", k, last, m.MediaSequence)
				}
			}
			for _, s := range m.Segments {
				if old, ok := uris[i][s.Seq]; ok && old != s.URI {
					t.Fatalf("reload %d, %s: segment %d was %s, now %s\nplaylist:\n%s", k, rends[i], s.Seq, old, s.URI, body)
				}
				uris[i][s.Seq] = s.URI
				if old, ok := discs[s.Seq]; ok && old != s.DiscSeq {
					t.Fatalf("reload %d, %s: segment %d had discontinuity sequence %d, now %d\nplaylist:\n%s", k, rends[i], s.Seq, old, s.DiscSeq, body)
				}
				discs[s.Seq] = s.DiscSeq
				if strings.Contains(s.URI, "/a/") {
					ads++
					breaksSeen[strings.Split(s.URI[strings.Index(s.URI, "/a/")+3:], "/")[0]] = true
				}
			}
			prev[i] = m
		}
		clock.Add(step)
		publish()
	}
	if len(breaksSeen) < minBreaks {
		t.Fatalf("saw %d stitched breaks in %v, want at least %d (%d ad segment listings)", len(breaksSeen), span, minBreaks, ads)
	}
	// Numbers are contiguous: every sequence number between the first and
	// the last seen was listed.
	lo, hi := ^uint64(0), uint64(0)
	for s := range discs {
		lo, hi = min(lo, s), max(hi, s)
	}
	if n := uint64(len(discs)); n != hi-lo+1 {
		t.Fatalf("sequence numbers %d..%d with %d missing", lo, hi, hi-lo+1-n)
	}
	t.Logf("%d reloads: sequence numbers %d..%d, %d breaks stitched (%d ad segment listings)", int(span/step), lo, hi, len(breaksSeen), ads)
}

func dump(m *manifest.Media) string {
	var b strings.Builder
	fmt.Fprintf(&b, "seq=%d disc=%d\n", m.MediaSequence, m.DiscontinuitySequence)
	for _, s := range m.Segments {
		fmt.Fprintf(&b, "  %d d%d %v %s\n", s.Seq, s.DiscSeq, s.Discontinuity, s.URI)
	}
	return b.String()
}

// Two instances behind a load balancer, started together, take turns
// answering one session's reloads: the numbering rules hold across them.
func TestLiveReloadsAcrossInstances(t *testing.T) {
	org := demoorigin.New(t.TempDir(), demoorigin.Options{})
	for name, d := range map[string]demoorigin.Dialect{"cueout": demoorigin.DialectCueOut, "daterange": demoorigin.DialectDateRange, "oatcls": demoorigin.DialectOATCLS} {
		for _, step := range []time.Duration{1300 * time.Millisecond, 4 * time.Second} {
			for _, start := range []time.Duration{0, 22 * time.Second, 42700 * time.Millisecond} {
				t.Run(fmt.Sprintf("%s/step=%v/start=%v", name, step, start), func(t *testing.T) {
					t.Parallel()
					src := func(r string, now time.Time) string {
						return strings.ReplaceAll(string(org.LivePlaylist(nil, r, d, now)), "../vod/"+r+"/", "")
					}
					t0 := demoorigin.DefaultEpoch.Add(time.Duration(1000*demoorigin.LoopSegments)*4*time.Second + start)
					checkLiveReloadsOn(t, 2, src, t0, step, 4*time.Minute, 20*time.Second, 3)
				})
			}
		}
	}
}
