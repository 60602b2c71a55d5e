package render

import (
	"strings"
	"testing"
)

var progressCases = []struct {
	line string
	us   int64
	end  bool
	ok   bool
}{
	{"out_time_us=1500000", 1_500_000, false, true},
	{"out_time_us=0\n", 0, false, true},
	{"out_time_us=N/A", 0, false, false},
	{"out_time_us=-5", 0, false, false},
	{"out_time_ms=1500000", 0, false, false},
	{"out_time=00:00:01.500000", 0, false, false},
	{"progress=continue", 0, false, false},
	{"progress=end", 0, true, true},
	{"frame=45", 0, false, false},
	{"", 0, false, false},
	{"=", 0, false, false},
}

func TestProgressLine(t *testing.T) {
	for _, c := range progressCases {
		us, end, ok := progressLine([]byte(c.line))
		if us != c.us || end != c.end || ok != c.ok {
			t.Errorf("%q: got %d %v %v, want %d %v %v", c.line, us, end, ok, c.us, c.end, c.ok)
		}
	}
}

func TestReadProgress(t *testing.T) {
	// Two reports as ffmpeg writes them, a late smaller time (an output
	// lagging behind), and the end.
	stream := "frame=30\nout_time_us=1000000\nprogress=continue\n" +
		"frame=90\nout_time_us=3000000\nprogress=continue\n" +
		"out_time_us=2000000\nout_time_us=N/A\n" +
		"out_time_us=9000000\nprogress=end\n"
	var got []float64
	readProgress(strings.NewReader(stream), 6, func(d float64) { got = append(got, d) })
	want := []float64{1.0 / 6, 0.5, 1}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	// A line too long for the scanner stops the parse, not the draining.
	long := strings.NewReader("out_time_us=1\n" + strings.Repeat("x", 100<<10) + "\nprogress=end\n")
	readProgress(long, 6, nil)
	if long.Len() != 0 {
		t.Errorf("%d bytes left unread", long.Len())
	}
}

func FuzzProgress(f *testing.F) {
	var all strings.Builder
	for _, c := range progressCases {
		f.Add(c.line, 6.0)
		all.WriteString(c.line + "\n")
	}
	f.Add(all.String(), 0.5)
	f.Fuzz(func(t *testing.T, stream string, total float64) {
		last := -1.0
		readProgress(strings.NewReader(stream), total, func(d float64) {
			if d <= last || d > 1 || d < 0 {
				t.Fatalf("reported %v after %v", d, last)
			}
			last = d
		})
	})
}
