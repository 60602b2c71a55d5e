package manifest

import (
	"testing"
	"time"
)

// benchLive returns a compiled live window with a break in the middle and
// the plan of one session.
func benchLive(tb testing.TB) (*Template, *Plan) {
	ads := newTestAds(tb)
	o := liveOrigin{dialect: "cueout", window: 10, epoch: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	m, err := ParseMedia(o.playlist(tb, 17), "http://origin.example/live/360p.m3u8")
	if err != nil {
		tb.Fatal(err)
	}
	tm := Compile(m, CompileOptions{DefaultBreak: 30}, nil)
	pod := fillPod(20, ads.slate, ads.ad15, ads.ad10)
	p := plan(tm, func(*Break) *Pod { return pod })
	return tm, p
}

func BenchmarkStitchLive(b *testing.B) {
	tm, p := benchLive(b)
	buf := tm.Append(nil, p)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		dst := make([]byte, 0, 64<<10)
		for pb.Next() {
			dst = tm.Append(dst[:0], p)
		}
	})
}

// BenchmarkStaticCopy is the floor: copying the same number of bytes.
func BenchmarkStaticCopy(b *testing.B) {
	tm, p := benchLive(b)
	src := tm.Append(nil, p)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		dst := make([]byte, 0, 64<<10)
		for pb.Next() {
			dst = append(dst[:0], src...)
		}
	})
}

func BenchmarkCompileLive(b *testing.B) {
	o := liveOrigin{dialect: "cueout", window: 10, epoch: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	data := o.playlist(b, 17)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		m, err := ParseMedia(data, "http://origin.example/live/360p.m3u8")
		if err != nil {
			b.Fatal(err)
		}
		Compile(m, CompileOptions{DefaultBreak: 30}, nil)
	}
}
