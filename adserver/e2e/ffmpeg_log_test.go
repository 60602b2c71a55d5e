package e2e

import (
	"slices"
	"testing"
)

// casesProgress drive TestParseProgress and seed FuzzParseProgress.
var casesProgress = []struct {
	name string
	out  string
	want progress
}{
	{
		name: "finished",
		out: "frame=150\nfps=0.00\nout_time_us=6000000\nout_time_ms=6000000\nout_time=00:00:06.000000\nprogress=continue\n" +
			"frame=300\nout_time_us=12040000\nout_time=00:00:12.040000\nprogress=end\n",
		want: progress{outTimeUS: 12040000, frames: 300, end: true},
	},
	{
		name: "cut off mid block",
		out:  "frame=25\nout_time_us=1000000\nprogress=continue\nframe=50\nout_ti",
		want: progress{outTimeUS: 1000000, frames: 50},
	},
	{
		name: "not available at start",
		out:  "frame=0\nout_time_us=N/A\nout_time=N/A\nprogress=continue\n",
		want: progress{},
	},
	{
		name: "negative and garbage ignored",
		out:  "frame=-3\nout_time_us=-2000\n=\nframe\nout_time_us=99999999999999999999\r\nprogress=continue\r\n",
		want: progress{},
	},
	{name: "empty", out: "", want: progress{}},
}

func TestParseProgress(t *testing.T) {
	for _, tt := range casesProgress {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseProgress([]byte(tt.out)); got != tt.want {
				t.Errorf("parseProgress = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func FuzzParseProgress(f *testing.F) {
	for _, tt := range casesProgress {
		f.Add([]byte(tt.out))
	}
	f.Fuzz(func(t *testing.T, out []byte) {
		p := parseProgress(out)
		if p.outTimeUS < 0 || p.frames < 0 {
			t.Fatalf("negative progress %+v", p)
		}
	})
}

// casesLog drive TestSplitLog and seed FuzzSplitLog.
var casesLog = []struct {
	name     string
	stderr   string
	errs     []string
	warnings []string
}{
	{
		name: "splice of two clips",
		stderr: "[mpegts @ 0x55e3437f8840] [warning] Packet corrupt (stream = 0, dts = 324662400).\n" +
			"[warning] http://s/vod.m3u8: corrupt input packet in stream 0\n" +
			"[null @ 0x55e3437fc380] [error] Application provided invalid, non monotonically increasing dts to muxer in stream 1: 288768 >= 288000\n",
		warnings: []string{
			"[mpegts @ 0x55e3437f8840] [warning] Packet corrupt (stream = 0, dts = 324662400).",
			"[warning] http://s/vod.m3u8: corrupt input packet in stream 0",
			"[null @ 0x55e3437fc380] [error] Application provided invalid, non monotonically increasing dts to muxer in stream 1: 288768 >= 288000",
		},
	},
	{
		name:     "missing playlist",
		stderr:   "[http @ 0x5645b600e940] [warning] HTTP error 404 File not found\n[error] http://s/nothere.m3u8: Server returned 404 Not Found\n",
		errs:     []string{"[error] http://s/nothere.m3u8: Server returned 404 Not Found"},
		warnings: []string{"[http @ 0x5645b600e940] [warning] HTTP error 404 File not found"},
	},
	{
		name:   "decoder error and fatal",
		stderr: "[h264 @ 0x1] [error] no frame!\r\n[fatal] out of memory\n[panic] boom",
		errs:   []string{"[h264 @ 0x1] [error] no frame!", "[fatal] out of memory", "[panic] boom"},
	},
	{
		name:   "untagged and info lines ignored",
		stderr: "Input #0, hls, from 'x':\n[info] Stream mapping:\n[h264 @ 0x1] no level tag\n[unterminated\n[]\n",
	},
}

func TestSplitLog(t *testing.T) {
	for _, tt := range casesLog {
		t.Run(tt.name, func(t *testing.T) {
			errs, warnings := splitLog([]byte(tt.stderr))
			if !slices.Equal(errs, tt.errs) || !slices.Equal(warnings, tt.warnings) {
				t.Errorf("splitLog =\n errors %q\n warnings %q\nwant\n errors %q\n warnings %q", errs, warnings, tt.errs, tt.warnings)
			}
		})
	}
}

func FuzzSplitLog(f *testing.F) {
	for _, tt := range casesLog {
		f.Add([]byte(tt.stderr))
	}
	f.Fuzz(func(t *testing.T, stderr []byte) {
		errs, warnings := splitLog(stderr)
		if len(errs)+len(warnings) > len(stderr) {
			t.Fatalf("%d lines sorted out of %d bytes", len(errs)+len(warnings), len(stderr))
		}
	})
}
