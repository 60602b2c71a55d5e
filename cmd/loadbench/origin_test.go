package main

import (
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/manifest"
)

// TestLiveWindowAlwaysHasBreak checks the timeline the bench relies on: at
// every phase of the break period the window parses, slides with the clock
// and holds a break; every break is 20 s and ends after the wall clock, so
// sessions created before it see it stitched.
func TestLiveWindowAlwaysHasBreak(t *testing.T) {
	base := time.Unix(1_800_000_000, 0) // a multiple of 40 s: phase 0
	for phase := range breakPeriod {
		now := base.Add(time.Duration(phase*segmentSeconds)*time.Second + 1500*time.Millisecond)
		body := appendLiveMedia(nil, "720p", now)
		m, err := manifest.ParseMedia(body, "http://origin.test/live/720p.m3u8")
		if err != nil {
			t.Fatalf("phase %d: %v\n%s", phase, err, body)
		}
		if want := uint64(now.Unix() / segmentSeconds); m.MediaSequence != want || len(m.Segments) != liveWindow {
			t.Fatalf("phase %d: sequence %d with %d segments, want %d with %d", phase, m.MediaSequence, len(m.Segments), want, liveWindow)
		}
		tpl := manifest.Compile(m, manifest.CompileOptions{DefaultBreak: 30}, nil)
		breaks := tpl.Breaks()
		if len(breaks) == 0 {
			t.Fatalf("phase %d: no break in the window\n%s", phase, body)
		}
		for _, b := range breaks {
			end := b.Start.Add(breakSegments * segmentSeconds * time.Second)
			if b.Duration != 20 || !end.After(now) {
				t.Errorf("phase %d: break %s from %s, %.1f s: want 20 s ending after %s", phase, b.ID, b.Start, b.Duration, now)
			}
		}
	}
}

func TestHouseAd(t *testing.T) {
	body := appendHouseMedia(nil, "360p")
	m, err := manifest.ParseMedia(body, "http://origin.test/house/360p.m3u8")
	if err != nil {
		t.Fatal(err)
	}
	var total float64
	for _, s := range m.Segments {
		total += s.Duration
	}
	if !m.EndList || len(m.Segments) != 3 || total != 10 {
		t.Errorf("house ad: endlist %v, %d segments, %.1f s; want VOD 4+4+2 s", m.EndList, len(m.Segments), total)
	}
	master, err := manifest.ParseMaster(appendMaster(nil), "http://origin.test/house/master.m3u8")
	if err != nil {
		t.Fatal(err)
	}
	if len(master.Renditions) != len(ladder) || !strings.HasSuffix(master.Renditions[1].URI, "/house/360p.m3u8") {
		t.Errorf("master renditions: %+v", master.Renditions)
	}
}
