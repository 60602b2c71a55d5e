package e2e

import (
	"strings"
	"testing"
	"time"
)

func TestFFmpegDecode(t *testing.T) {
	srv := newStreamServer(t, testClips(t), true)
	tests := []struct {
		name       string
		path       string
		minFrames  int
		maxFrames  int
		wantErrors bool
		wantWarn   string // a warning that must be reported
	}{
		// 12 s at 25 fps. ffmpeg splices the clips itself and ignores
		// EXT-X-DISCONTINUITY, so both playlists decode alike.
		{name: "stitched vod", path: "/vod.m3u8", minFrames: 295, maxFrames: 305},
		{name: "no discontinuity tag", path: "/nodisc.m3u8", minFrames: 295, maxFrames: 305},
		{name: "missing segment", path: "/missing-segment.m3u8", minFrames: 240, maxFrames: 260, wantWarn: "Failed to open segment"},
		{name: "missing playlist", path: "/nothere.m3u8", maxFrames: 0, wantErrors: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := FFmpegDecode(t, srv.URL+tt.path, 30*time.Second)
			if res.TimedOut {
				t.Fatalf("timed out; stderr:\n%s", res.Stderr)
			}
			if res.Frames < tt.minFrames || res.Frames > tt.maxFrames {
				t.Errorf("frames = %d, want %d..%d", res.Frames, tt.minFrames, tt.maxFrames)
			}
			if got := len(res.Errors) > 0; got != tt.wantErrors {
				t.Errorf("errors = %q, want errors %t", res.Errors, tt.wantErrors)
			}
			if tt.minFrames > 0 && (res.Duration < 11.5 || res.Duration > 12.5) {
				t.Errorf("duration = %.3fs, want about 12s", res.Duration)
			}
			if tt.wantWarn != "" && !containsLine(res.Warnings, tt.wantWarn) {
				t.Errorf("warnings %q lack %q", res.Warnings, tt.wantWarn)
			}
		})
	}
}

func TestFFmpegDecodeStopsLiveAtTimeout(t *testing.T) {
	srv := newStreamServer(t, testClips(t), true)
	res := FFmpegDecode(t, srv.URL+"/live.m3u8", 5*time.Second)
	if !res.TimedOut {
		t.Errorf("live stream finished on its own after %.3fs, want the timeout to stop it", res.Duration)
	}
	if res.Frames == 0 || len(res.Errors) != 0 {
		t.Errorf("frames %d errors %q: want frames and no errors before the timeout", res.Frames, res.Errors)
	}
}

func containsLine(lines []string, substr string) bool {
	for _, l := range lines {
		if strings.Contains(l, substr) {
			return true
		}
	}
	return false
}
