package probe

import (
	"testing"
)

var mapCases = []struct {
	line    string
	uri     string
	off, n  int64
	wantErr bool
}{
	{line: `#EXT-X-MAP:URI="https://cdn.example/v/init.mp4"`, uri: "https://cdn.example/v/init.mp4", n: -1},
	{line: `#EXT-X-MAP:URI="file:///a/b/init.mp4",BYTERANGE="720@0"`, uri: "file:///a/b/init.mp4", n: 720},
	{line: `#EXT-X-MAP:BYTERANGE="1200@5000",URI="http://x/all.mp4"`, uri: "http://x/all.mp4", off: 5000, n: 1200},
	{line: `#EXT-X-MAP:URI="http://x/a,b.mp4",BYTERANGE="10"`, uri: "http://x/a,b.mp4", n: 10},
	{line: `#EXT-X-MAP:BYTERANGE="10@0"`, wantErr: true},
	{line: `#EXT-X-MAP:URI="x",BYTERANGE="-1@0"`, wantErr: true},
	{line: `#EXT-X-MAP:URI="x",BYTERANGE="ten"`, wantErr: true},
	{line: `#EXT-X-MAP`, wantErr: true},
}

func TestMapSection(t *testing.T) {
	for _, c := range mapCases {
		uri, off, n, err := mapSection(c.line)
		if (err != nil) != c.wantErr {
			t.Errorf("%s: err = %v, want error %v", c.line, err, c.wantErr)
			continue
		}
		if err == nil && (uri != c.uri || off != c.off || n != c.n) {
			t.Errorf("%s: got %q %d %d, want %q %d %d", c.line, uri, off, n, c.uri, c.off, c.n)
		}
	}
}

func FuzzMapSection(f *testing.F) {
	for _, c := range mapCases {
		f.Add(c.line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		uri, off, n, err := mapSection(line)
		if err == nil && (uri == "" || off < 0 || n < -1) {
			t.Fatalf("accepted %q as %q %d %d", line, uri, off, n)
		}
	})
}

var rateCases = []struct {
	a, b   string
	same   bool
	frames int // frames of a in 6 s
}{
	{"30/1", "30", true, 180},
	{"60/2", "30/1", true, 180},
	{"30000/1001", "30/1", false, 179},
	{"25/1", "50/2", true, 150},
	{"0/0", "0/0", false, 0},
	{"30/0", "30/0", false, 0},
	{"-30/1", "-30/1", false, 0},
	{"", "", false, 0},
	{"1/3", "2/6", true, 2},
}

func TestFrameRate(t *testing.T) {
	for _, c := range rateCases {
		if got := sameRate(c.a, c.b); got != c.same {
			t.Errorf("sameRate(%q, %q) = %v", c.a, c.b, got)
		}
		if got := framesIn(c.a, 6); got != c.frames {
			t.Errorf("framesIn(%q, 6) = %d, want %d", c.a, got, c.frames)
		}
	}
}

func FuzzFrameRate(f *testing.F) {
	for _, c := range rateCases {
		f.Add(c.a, c.b, 6.0)
	}
	f.Fuzz(func(t *testing.T, a, b string, sec float64) {
		if sameRate(a, b) != sameRate(b, a) {
			t.Fatalf("sameRate not symmetric for %q %q", a, b)
		}
		if sameRate(a, a) {
			if _, ok := parseRate(a); !ok {
				t.Fatalf("%q equals itself but does not parse", a)
			}
		}
		framesIn(a, sec)
	})
}

var sniffCases = []struct {
	head  string
	media bool
}{
	{"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00", true},
	{"\x1a\x45\xdf\xa3\x01\x00", true},
	{"RIFF\x00\x00\x00\x00WAVEfmt ", true},
	{"OggS\x00\x02", true},
	{"hello world, not a video", false},
	{"\x89PNG\r\n\x1a\n", false},
	{"", false},
}

func TestLooksLikeMedia(t *testing.T) {
	for _, c := range sniffCases {
		if got := looksLikeMedia([]byte(c.head)); got != c.media {
			t.Errorf("looksLikeMedia(%q) = %v", c.head, got)
		}
	}
}

func FuzzLooksLikeMedia(f *testing.F) {
	for _, c := range sniffCases {
		f.Add([]byte(c.head))
	}
	f.Fuzz(func(t *testing.T, head []byte) { looksLikeMedia(head) })
}
