package demoorigin

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafov/m3u8"

	"github.com/adstitch/adstitch/manifest/scte35"
	"github.com/adstitch/adstitch/variants/demo"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

var dialects = []Dialect{DialectCueOut, DialectDateRange, DialectOATCLS}

// liveInstants are the golden instants, named by what their window shows.
var liveInstants = []struct {
	name  string
	ended int64 // segments ended at the instant
	extra time.Duration
}{
	{"start", 3, 1500 * time.Millisecond},      // 0..2: shorter than the window, discontinuity before segment 0
	{"whole-break", 29, 0},                     // 19..28: cycle 1's break 20..24 and its return at 25
	{"mid-break", 32, 3999 * time.Millisecond}, // 22..31: the window starts inside the break
	{"wrap", 50, 0},                            // 40..49: cycle 2's return first, the loop restarts at 45
}

func TestLivePlaylistGolden(t *testing.T) {
	o := New(fakeMedia(t), Options{})
	for _, d := range dialects {
		for _, in := range liveInstants {
			name := "live_" + d.String() + "_" + in.name
			t.Run(name, func(t *testing.T) {
				got := o.LivePlaylist(nil, "360p", d, at(in.ended, in.extra))
				checkGolden(t, name, got)
				checkLive(t, got, "360p", d)
			})
		}
	}
}

func TestLiveMasterGolden(t *testing.T) {
	for _, d := range dialects {
		name := "master_" + d.String()
		t.Run(name, func(t *testing.T) {
			got, err := LiveMaster(nil, []byte(fakeMaster), d)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, name, got)
			pl, kind, err := m3u8.DecodeFrom(bytes.NewReader(got), true)
			if err != nil || kind != m3u8.MASTER {
				t.Fatalf("decode: %v (kind %v)", err, kind)
			}
			for i, v := range pl.(*m3u8.MasterPlaylist).Variants {
				want := []string{"360p", "720p"}[i] + ".m3u8?cue=" + d.String()
				if v.URI != want || v.Codecs != "avc1.64001f,mp4a.40.2" {
					t.Errorf("variant %d: URI %q CODECS %q, want %q", i, v.URI, v.Codecs, want)
				}
			}
		})
	}
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// segment is one segment of a live playlist as the tests see it.
type segment struct {
	seq  int64
	dsn  int64 // discontinuity sequence number
	pdt  time.Time
	uri  string
	tags []string // cue tags before it
}

// checkLive decodes a live playlist strictly with grafov/m3u8, checks what
// holds at any instant, and returns its segments.
func checkLive(t *testing.T, b []byte, rendition string, d Dialect) []segment {
	t.Helper()
	pl, kind, err := m3u8.DecodeFrom(bytes.NewReader(b), true)
	if err != nil || kind != m3u8.MEDIA {
		t.Fatalf("decode: %v (kind %v)\n%s", err, kind, b)
	}
	media := pl.(*m3u8.MediaPlaylist)
	if media.Closed || media.TargetDuration != 4 || media.MediaType != 0 {
		t.Errorf("closed %v, target %v, type %v: want an open live playlist with target 4", media.Closed, media.TargetDuration, media.MediaType)
	}
	cues := cueTags(b)
	if len(cues) != int(media.Count()) {
		t.Fatalf("%d segments by grafov, %d by URI lines", media.Count(), len(cues))
	}
	segs := make([]segment, media.Count())
	dsn := int64(media.DiscontinuitySeq)
	for i := range segs {
		s := media.Segments[i]
		if s.Discontinuity {
			dsn++
		}
		n := int64(media.SeqNo) + int64(i)
		segs[i] = segment{seq: n, dsn: dsn, pdt: s.ProgramDateTime, uri: s.URI, tags: cues[i]}

		if want := "../vod/" + rendition + "/" + demo.SegmentName(int(n%LoopSegments)); s.URI != want {
			t.Errorf("segment %d: URI %q, want %q", n, s.URI, want)
		}
		if s.Duration != 4 {
			t.Errorf("segment %d: EXTINF %v", n, s.Duration)
		}
		if want := DefaultEpoch.Add(time.Duration(n) * 4 * time.Second); !s.ProgramDateTime.Equal(want) {
			t.Errorf("segment %d: PDT %v, want %v", n, s.ProgramDateTime, want)
		}
		if s.Discontinuity != (n%LoopSegments == 0) {
			t.Errorf("segment %d: discontinuity %v", n, s.Discontinuity)
		}
		if want := n/LoopSegments + 1; dsn != want {
			t.Errorf("segment %d: discontinuity sequence number %d, want %d", n, dsn, want)
		}
		checkCueTags(t, d, n, i == 0, cues[i])
	}
	return segs
}

// cueTags returns, per segment, the cue tag lines before its URI.
func cueTags(b []byte) [][]string {
	var out [][]string
	var cur []string
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case line == "":
		case !strings.HasPrefix(line, "#"):
			out = append(out, cur)
			cur = nil
		case strings.HasPrefix(line, "#EXT-X-CUE"), strings.HasPrefix(line, "#EXT-X-DATERANGE"), strings.HasPrefix(line, "#EXT-OATCLS"):
			cur = append(cur, line)
		}
	}
	return out
}

// checkCueTags checks the break signalling before global segment n against
// the brief, decoding every SCTE-35 payload.
func checkCueTags(t *testing.T, d Dialect, n int64, first bool, tags []string) {
	t.Helper()
	pos, cycle := n%LoopSegments, n/LoopSegments
	id := strconv.FormatInt(cycle+1, 10)
	startDate := DefaultEpoch.Add(time.Duration(cycle*LoopSegments+BreakOffset) * 4 * time.Second).Format("2006-01-02T15:04:05.000Z")
	var want []string // tag prefixes; payloads are checked by decoding
	switch d {
	case DialectCueOut:
		switch {
		case pos == 5:
			want = []string{"#EXT-X-CUE-OUT:DURATION=20.000"}
		case pos > 5 && pos < 10:
			want = []string{"#EXT-X-CUE-OUT-CONT:ElapsedTime=" + strconv.FormatInt((pos-5)*4, 10) + ".000,Duration=20.000,SCTE35="}
		case pos == 10:
			want = []string{"#EXT-X-CUE-IN"}
		}
	case DialectDateRange:
		switch {
		case pos == 5 || (first && pos > 5 && pos < 10):
			want = []string{`#EXT-X-DATERANGE:ID="splice-` + id + `",START-DATE="` + startDate + `",SCTE35-OUT=0x`}
		case pos == 10:
			want = []string{`#EXT-X-DATERANGE:ID="splice-` + id + `",START-DATE="` + startDate + `",DURATION=20.000,SCTE35-IN=0x`}
		}
	case DialectOATCLS:
		switch pos {
		case 5, 10:
			want = []string{"#EXT-OATCLS-SCTE35:"}
		}
	}
	if len(tags) != len(want) {
		t.Errorf("segment %d (%s): cue tags %q, want %d tag(s) starting %q", n, d, tags, len(want), want)
		return
	}
	for i, tag := range tags {
		if !strings.HasPrefix(tag, want[i]) {
			t.Errorf("segment %d (%s): tag %q, want prefix %q", n, d, tag, want[i])
			continue
		}
		payload := tag[len(want[i]):]
		if payload == "" {
			continue // CUE-OUT and CUE-IN carry no SCTE-35
		}
		if d == DialectDateRange {
			payload = "0x" + payload
		}
		checkSplice(t, n, payload, pos < 10)
	}
}

// checkSplice decodes an SCTE-35 payload and checks it is the splice_insert
// of global segment n's break.
func checkSplice(t *testing.T, n int64, payload string, out bool) {
	t.Helper()
	s, err := scte35.DecodeString(payload)
	if err != nil {
		t.Errorf("segment %d: SCTE-35 %q: %v", n, payload, err)
		return
	}
	cycle := n / LoopSegments
	cue := s.Cue()
	wantKind := scte35.CueIn
	splicePos := int64(BreakOffset + BreakSegments)
	if out {
		wantKind, splicePos = scte35.CueOut, BreakOffset
	}
	if cue.Kind != wantKind || cue.EventID != uint32(cycle+1) {
		t.Errorf("segment %d: cue %+v, want %v of event %d", n, cue, wantKind, cycle+1)
	}
	if out && (!cue.HasDuration || cue.Duration != 20*time.Second) {
		t.Errorf("segment %d: break duration %v (%v), want 20s", n, cue.Duration, cue.HasDuration)
	}
	in := s.Insert
	if in == nil || !in.ProgramSplice || in.SpliceTime == nil || in.UniqueProgramID != 1 || in.AvailNum != 1 || in.AvailsExpected != 1 {
		t.Fatalf("segment %d: splice_insert %+v", n, in)
	}
	if want := uint64(demo.DefaultStartPTS) + uint64(splicePos)*4*90000; *in.SpliceTime != want {
		t.Errorf("segment %d: splice time %d, want %d", n, *in.SpliceTime, want)
	}
	if out && (in.BreakDuration == nil || !in.BreakDuration.AutoReturn) {
		t.Errorf("segment %d: break_duration %+v, want auto-return", n, in.BreakDuration)
	}
}

// TestLiveProperties walks the live stream in 200 steps of one segment from
// its very start and checks that reloads agree: the media sequence only
// grows, and every segment keeps its URI, date, discontinuity sequence
// number and cue tags for as long as it is listed.
func TestLiveProperties(t *testing.T) {
	o := New(fakeMedia(t), Options{})
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) {
			seen := map[int64]segment{}
			var lastSeq int64 = -1
			for step := range int64(200) {
				b := o.LivePlaylist(nil, "720p", d, at(step, 2*time.Second))
				segs := checkLive(t, b, "720p", d)
				if want := int(min(step, DefaultWindow)); len(segs) != want {
					t.Fatalf("step %d: %d segments, want %d", step, len(segs), want)
				}
				if len(segs) == 0 {
					continue
				}
				if segs[0].seq < lastSeq {
					t.Fatalf("step %d: media sequence went back from %d to %d", step, lastSeq, segs[0].seq)
				}
				lastSeq = segs[0].seq
				for i, s := range segs {
					prev, ok := seen[s.seq]
					if !ok {
						seen[s.seq] = s
						continue
					}
					if s.uri != prev.uri || s.dsn != prev.dsn || !s.pdt.Equal(prev.pdt) {
						t.Errorf("step %d: segment %d changed from %+v to %+v", step, s.seq, prev, s)
					}
					// The out DATERANGE repeated before a mid-break first
					// segment is the one exception to stable tags.
					repeated := d == DialectDateRange && i == 0 && s.seq%LoopSegments > BreakOffset && s.seq%LoopSegments < BreakOffset+BreakSegments
					if !repeated && strings.Join(s.tags, "\n") != strings.Join(prev.tags, "\n") {
						t.Errorf("step %d: segment %d tags changed from %q to %q", step, s.seq, prev.tags, s.tags)
					}
				}
			}
		})
	}
}

// TestDateRangeAttributes checks RFC 8216bis §4.4.5.1 across every
// playlist: tags with one ID agree on every attribute they share, and the
// out tag carries no DURATION, PLANNED-DURATION or END-DATE.
func TestDateRangeAttributes(t *testing.T) {
	o := New(fakeMedia(t), Options{Window: 20})
	for step := range int64(120) {
		b := o.LivePlaylist(nil, "360p", DialectDateRange, at(step, 0))
		byID := map[string]map[string]string{}
		for _, tags := range cueTags(b) {
			for _, tag := range tags {
				attrs := parseAttributes(t, strings.TrimPrefix(tag, "#EXT-X-DATERANGE:"))
				if _, out := attrs["SCTE35-OUT"]; out {
					for _, k := range []string{"DURATION", "PLANNED-DURATION", "END-DATE"} {
						if _, ok := attrs[k]; ok {
							t.Errorf("step %d: out tag has %s: %s", step, k, tag)
						}
					}
				}
				prev, ok := byID[attrs["ID"]]
				if !ok {
					byID[attrs["ID"]] = attrs
					continue
				}
				for k, v := range attrs {
					if pv, shared := prev[k]; shared && pv != v {
						t.Errorf("step %d: ID %s: %s is %s and %s", step, attrs["ID"], k, pv, v)
					}
				}
			}
		}
	}
}

// parseAttributes splits an attribute list, keeping quotes on values.
func parseAttributes(t *testing.T, list string) map[string]string {
	t.Helper()
	attrs := map[string]string{}
	for list != "" {
		name, rest, ok := strings.Cut(list, "=")
		if !ok {
			t.Fatalf("attribute list %q", list)
		}
		end := strings.IndexByte(rest, ',')
		if strings.HasPrefix(rest, `"`) {
			q := strings.IndexByte(rest[1:], '"')
			if q < 0 {
				t.Fatalf("unterminated quote in %q", list)
			}
			end = strings.IndexByte(rest[q+2:], ',')
			if end >= 0 {
				end += q + 2
			}
		}
		if end < 0 {
			attrs[name], list = rest, ""
		} else {
			attrs[name], list = rest[:end], rest[end+1:]
		}
	}
	return attrs
}

func TestLivePlaylistBeforeEpoch(t *testing.T) {
	o := New(fakeMedia(t), Options{})
	b := o.LivePlaylist(nil, "360p", DialectCueOut, DefaultEpoch.Add(-time.Hour))
	segs := checkLive(t, b, "360p", DialectCueOut)
	if len(segs) != 0 || !bytes.Contains(b, []byte("#EXT-X-MEDIA-SEQUENCE:0\n")) {
		t.Errorf("before the epoch: %d segments\n%s", len(segs), b)
	}
}

func TestParseDialect(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Dialect
		err  bool
	}{
		{"", DialectCueOut, false},
		{"cueout", DialectCueOut, false},
		{"daterange", DialectDateRange, false},
		{"oatcls", DialectOATCLS, false},
		{"CUEOUT", 0, true},
		{"scte35", 0, true},
	} {
		got, err := ParseDialect(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseDialect(%q) = %v, %v", tc.in, got, err)
		}
	}
}
