package e2e

import (
	"errors"
	"slices"
	"testing"
)

// casesPlayReport drive TestDecodePlayResult and seed FuzzDecodePlayResult.
var casesPlayReport = []struct {
	name    string
	raw     string
	wantErr bool
	want    PlayResult // Raw is not compared
}{
	{
		name: "ended vod",
		raw: `{"ok":true,"ended":true,"fatalError":null,"stopReason":"ended","finalTime":12.07,"videoError":null,"events":[],
"frags":[{"t":511,"sn":0,"cc":0,"level":0,"start":0,"duration":2,"url":"http://s/seg/a0.ts","programDateTime":0},
{"t":2119,"sn":3,"cc":1,"level":0,"start":6.04,"duration":2,"url":"http://s/seg/b0.ts","programDateTime":1700000000000}],
"levels":[{"t":90,"level":0,"startSN":0,"endSN":5,"startCC":0,"endCC":1,"live":false,"targetduration":2,"totalduration":12,
"fragments":[{"sn":0,"cc":0,"level":0,"start":0,"duration":2,"url":"http://s/seg/a0.ts","programDateTime":0}]}],
"errors":[{"t":397,"type":"mediaError","details":"bufferSeekOverHole","fatal":false,"url":"http://s/seg/a0.ts","code":0,"reason":"holes"}]}`,
		want: PlayResult{
			OK: true, Ended: true, Stop: "ended", FinalTime: 12.07,
			Frags: []Frag{
				{SN: 0, CC: 0, Duration: 2, URL: "http://s/seg/a0.ts"},
				{SN: 3, CC: 1, Start: 6.04, Duration: 2, URL: "http://s/seg/b0.ts", ProgramDateTime: 1700000000000},
			},
			Levels: []LevelLoad{{EndSN: 5, EndCC: 1, TargetDuration: 2, TotalDuration: 12,
				Frags: []Frag{{Duration: 2, URL: "http://s/seg/a0.ts"}}}},
			Errors: []PlayerError{{At: 397e6, Type: "mediaError", Details: "bufferSeekOverHole", URL: "http://s/seg/a0.ts", Reason: "holes"}},
		},
	},
	{
		name: "fatal network error",
		raw: `{"ok":false,"ended":false,"fatalError":"networkError:manifestLoadError","stopReason":"fatal","finalTime":0,
"videoError":null,"frags":[],"levels":[],"errors":[{"t":1200.5,"type":"networkError","details":"manifestLoadError","fatal":true,"url":"http://s/vod.m3u8","code":0,"reason":""}]}`,
		want: PlayResult{
			Fatal: "networkError:manifestLoadError", Stop: "fatal",
			Frags: []Frag{}, Levels: []LevelLoad{},
			Errors: []PlayerError{{At: 1200500000, Type: "networkError", Details: "manifestLoadError", Fatal: true, URL: "http://s/vod.m3u8"}},
		},
	},
	{
		name: "video element error",
		raw:  `{"ok":false,"ended":false,"fatalError":"videoError:3 PIPELINE_ERROR_DECODE","stopReason":"videoError","finalTime":4.5,"videoError":{"code":3,"message":"PIPELINE_ERROR_DECODE"}}`,
		want: PlayResult{Fatal: "videoError:3 PIPELINE_ERROR_DECODE", Stop: "videoError", FinalTime: 4.5, VideoError: "3 PIPELINE_ERROR_DECODE"},
	},
	{name: "not json", raw: `play.mjs: launch failed`, wantErr: true},
	{name: "no stop reason", raw: `{"ok":true,"ended":true}`, wantErr: true},
	{name: "string sn", raw: `{"stopReason":"ended","frags":[{"sn":"initSegment"}]}`, wantErr: true},
	{name: "empty", raw: ``, wantErr: true},
}

func TestDecodePlayResult(t *testing.T) {
	for _, tt := range casesPlayReport {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodePlayResult([]byte(tt.raw))
			if tt.wantErr {
				if err == nil {
					t.Fatalf("decoded %+v, want an error", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got.Raw) != tt.raw {
				t.Errorf("Raw is not the report")
			}
			got.Raw = nil
			if !equalPlayResult(*got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

func equalPlayResult(a, b PlayResult) bool {
	return a.OK == b.OK && a.Ended == b.Ended && a.Fatal == b.Fatal && a.Stop == b.Stop &&
		a.VideoError == b.VideoError && a.FinalTime == b.FinalTime &&
		slices.Equal(a.Frags, b.Frags) && slices.Equal(a.Errors, b.Errors) &&
		slices.EqualFunc(a.Levels, b.Levels, func(x, y LevelLoad) bool {
			return slices.Equal(x.Frags, y.Frags) && x.Level == y.Level && x.StartSN == y.StartSN &&
				x.EndSN == y.EndSN && x.StartCC == y.StartCC && x.EndCC == y.EndCC && x.Live == y.Live &&
				x.TargetDuration == y.TargetDuration && x.TotalDuration == y.TotalDuration
		})
}

func FuzzDecodePlayResult(f *testing.F) {
	for _, tt := range casesPlayReport {
		f.Add([]byte(tt.raw))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		res, err := decodePlayResult(raw)
		if err != nil {
			return
		}
		if len(res.SNs()) != len(res.Frags) || len(res.Discontinuities()) != len(res.Frags) ||
			len(res.URLs()) != len(res.Frags) || len(res.ErrorDetails()) != len(res.Errors) {
			t.Fatalf("views disagree with %d frags, %d errors", len(res.Frags), len(res.Errors))
		}
		_ = res.VerifyVOD(nil)
	})
}

func TestVerifyVOD(t *testing.T) {
	frags := func(sn []int64, cc []int) []Frag {
		out := make([]Frag, len(sn))
		for i := range sn {
			out[i] = Frag{SN: sn[i], CC: cc[i]}
		}
		return out
	}
	tests := []struct {
		name string
		res  PlayResult
		want []error // each must match with errors.Is; none means nil
	}{
		{
			name: "correct",
			res:  PlayResult{Ended: true, Stop: "ended", Frags: frags([]int64{0, 1, 2, 3}, []int{0, 0, 1, 1})},
		},
		{
			name: "discontinuity missing",
			res:  PlayResult{Ended: true, Stop: "ended", Frags: frags([]int64{0, 1, 2, 3}, []int{0, 0, 0, 0})},
			want: []error{ErrDiscontinuities},
		},
		{
			name: "stalled with a gap",
			res:  PlayResult{Stop: "timeout", Frags: frags([]int64{0, 2}, []int{0, 0})},
			want: []error{ErrNotEnded, ErrFragOrder, ErrDiscontinuities},
		},
		{
			name: "fatal before any fragment",
			res:  PlayResult{Fatal: "networkError:manifestLoadError", Stop: "fatal"},
			want: []error{ErrPlayerFatal, ErrNotEnded, ErrDiscontinuities},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.res.VerifyVOD([]int{0, 0, 1, 1})
			if len(tt.want) == 0 && err != nil {
				t.Fatalf("VerifyVOD = %v, want nil", err)
			}
			for _, w := range tt.want {
				if !errors.Is(err, w) {
					t.Errorf("VerifyVOD = %v, want %v among the errors", err, w)
				}
			}
		})
	}
}

func TestPlayOptionsDefaults(t *testing.T) {
	tests := []struct {
		in      PlayOptions
		want    PlayOptions
		wantErr bool
	}{
		{in: PlayOptions{}, want: PlayOptions{Mode: "vod", Seconds: 180, Rate: 4}},
		{in: PlayOptions{Mode: "live"}, want: PlayOptions{Mode: "live", Seconds: 60, Rate: 1}},
		{in: PlayOptions{Mode: "vod", Seconds: 20, Rate: 2}, want: PlayOptions{Mode: "vod", Seconds: 20, Rate: 2}},
		{in: PlayOptions{Mode: "dvr"}, wantErr: true},
		{in: PlayOptions{Seconds: -1}, wantErr: true},
		{in: PlayOptions{Rate: 32}, wantErr: true},
	}
	for _, tt := range tests {
		got, err := tt.in.withDefaults()
		if (err != nil) != tt.wantErr || (err == nil && got != tt.want) {
			t.Errorf("%+v.withDefaults() = %+v, %v; want %+v, error %t", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}
