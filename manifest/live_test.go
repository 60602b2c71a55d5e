package manifest

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/manifest/scte35"
)

// liveOrigin simulates a live origin: 4 s segments, a sliding window, one
// 20 s break over sequence numbers 10..14, marked in one dialect.
type liveOrigin struct {
	dialect string
	window  int
	noPDT   bool
	epoch   time.Time
}

const (
	segDur     = 4.0
	breakFirst = 10
	breakSegs  = 5
	breakEvent = 4242
)

func spliceInsert(t testing.TB, out bool, dur time.Duration) []byte {
	t.Helper()
	si := &scte35.SpliceInsert{EventID: breakEvent, OutOfNetwork: out, ProgramSplice: true, Immediate: true, UniqueProgramID: 1, AvailNum: 1, AvailsExpected: 1}
	if out {
		si.BreakDuration = &scte35.BreakDuration{AutoReturn: true, Duration: scte35.Ticks(dur)}
	}
	b, err := (&scte35.Section{Tier: 0xFFF, CommandType: scte35.CmdSpliceInsert, Insert: si}).Encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (o liveOrigin) date(seq int) time.Time {
	return o.epoch.Add(time.Duration(seq) * time.Duration(segDur*float64(time.Second)))
}

// playlist returns the window whose last segment is last.
func (o liveOrigin) playlist(t testing.TB, last int) []byte {
	first := max(last-o.window+1, 0)
	out := spliceInsert(t, true, 20*time.Second)
	in := spliceInsert(t, false, 0)
	b64 := base64.StdEncoding.EncodeToString
	var b strings.Builder
	fmt.Fprintf(&b, "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:%d\n", first)
	for seq := first; seq <= last; seq++ {
		inBreak := seq >= breakFirst && seq < breakFirst+breakSegs
		elapsed := float64(seq-breakFirst) * segDur
		switch o.dialect {
		case "cueout":
			switch {
			case seq == breakFirst:
				b.WriteString("#EXT-X-CUE-OUT:DURATION=20\n")
			case inBreak:
				fmt.Fprintf(&b, "#EXT-X-CUE-OUT-CONT:ElapsedTime=%.3f,Duration=20,SCTE35=%s\n", elapsed, b64(out))
			case seq == breakFirst+breakSegs:
				b.WriteString("#EXT-X-CUE-IN\n")
			}
		case "cueout-bare":
			switch {
			case seq == breakFirst:
				b.WriteString("#EXT-X-CUE-OUT\n")
			case inBreak:
				b.WriteString("#EXT-X-CUE-OUT-CONT\n")
			case seq == breakFirst+breakSegs:
				b.WriteString("#EXT-X-CUE-IN\n")
			}
		case "cueout-slash":
			switch {
			case seq == breakFirst:
				b.WriteString("#EXT-X-CUE-OUT:20.000\n")
			case inBreak:
				fmt.Fprintf(&b, "#EXT-X-CUE-OUT-CONT:%.3f/20.000\n", elapsed)
			}
		case "oatcls":
			switch seq {
			case breakFirst:
				fmt.Fprintf(&b, "#EXT-OATCLS-SCTE35:%s\n", b64(out))
			case breakFirst + breakSegs:
				fmt.Fprintf(&b, "#EXT-OATCLS-SCTE35:%s\n", b64(in))
			}
		case "daterange":
			start := o.date(breakFirst).Format(time.RFC3339Nano)
			switch seq {
			case breakFirst:
				fmt.Fprintf(&b, "#EXT-X-DATERANGE:ID=\"splice-%d\",START-DATE=\"%s\",SCTE35-OUT=0x%s\n", breakEvent, start, hex.EncodeToString(out))
			case breakFirst + breakSegs:
				fmt.Fprintf(&b, "#EXT-X-DATERANGE:ID=\"splice-%d\",START-DATE=\"%s\",DURATION=20.000,SCTE35-IN=0x%s\n", breakEvent, start, hex.EncodeToString(in))
			}
		case "daterange-early":
			// Announced two segments ahead, kept while the range is in the window.
			if seq >= breakFirst-2 && seq == first || seq == breakFirst-2 {
				if last >= breakFirst-2 && first <= breakFirst+breakSegs {
					fmt.Fprintf(&b, "#EXT-X-DATERANGE:ID=\"ad-%d\",START-DATE=\"%s\",PLANNED-DURATION=20,SCTE35-OUT=0x%s\n",
						breakEvent, o.date(breakFirst).Format(time.RFC3339Nano), hex.EncodeToString(out))
				}
			}
		case "adobe":
			switch {
			case seq == breakFirst:
				fmt.Fprintf(&b, "#EXT-X-SCTE35:CUE=\"%s\",CUE-OUT=YES\n", b64(out))
			case inBreak:
				fmt.Fprintf(&b, "#EXT-X-SCTE35:CUE=\"%s\",CUE-OUT=CONT,ELAPSED=%.3f,DURATION=20\n", b64(out), elapsed)
			case seq == breakFirst+breakSegs:
				fmt.Fprintf(&b, "#EXT-X-SCTE35:CUE=\"%s\",CUE-IN=YES\n", b64(in))
			}
		}
		if !o.noPDT {
			fmt.Fprintf(&b, "#EXT-X-PROGRAM-DATE-TIME:%s\n", o.date(seq).Format("2006-01-02T15:04:05.000Z07:00"))
		}
		fmt.Fprintf(&b, "#EXTINF:4.000,\ncontent/%d.ts\n", seq)
	}
	return []byte(b.String())
}

var liveDialects = []struct {
	name   string
	origin liveOrigin
}{
	{"cueout", liveOrigin{dialect: "cueout"}},
	{"cueout-bare", liveOrigin{dialect: "cueout-bare", noPDT: true}},
	{"cueout-slash", liveOrigin{dialect: "cueout-slash"}},
	{"oatcls", liveOrigin{dialect: "oatcls"}},
	{"daterange", liveOrigin{dialect: "daterange"}},
	{"daterange-early", liveOrigin{dialect: "daterange-early"}},
	{"adobe", liveOrigin{dialect: "adobe"}},
}

// refreshes compiles consecutive windows like a player refreshing every
// target duration and returns the stitched outputs.
func refreshes(t *testing.T, o liveOrigin, pick func(*Break) *Pod, from, to int) ([]*Template, [][]byte) {
	t.Helper()
	var prev *Template
	var tms []*Template
	var outs [][]byte
	for last := from; last <= to; last++ {
		m, err := ParseMedia(o.playlist(t, last), "http://origin.example/live/360p.m3u8")
		if err != nil {
			t.Fatalf("window ending %d: %v", last, err)
		}
		if len(m.Warnings) > 0 {
			t.Fatalf("window ending %d: warnings %v", last, m.Warnings)
		}
		tm := Compile(m, CompileOptions{DefaultBreak: 30}, prev)
		out := tm.Append(nil, plan(tm, pick))
		tms, outs = append(tms, tm), append(outs, out)
		prev = tm
	}
	return tms, outs
}

func TestLiveDialectsAcrossRefreshes(t *testing.T) {
	ads := newTestAds(t)
	pick := func(b *Break) *Pod { return fillPod(b.Duration, ads.slate, ads.ad15, ads.ad10) }
	for _, tc := range liveDialects {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.origin
			o.window, o.epoch = 6, time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
			tms, outs := refreshes(t, o, pick, 7, 23)
			var all strings.Builder
			for k, out := range outs {
				fmt.Fprintf(&all, "### refresh %d\n%s", k, out)
			}
			golden(t, "live-"+tc.name+".m3u8", []byte(all.String()))
			checkLiveConsistency(t, outs)
			// The break was found and stitched in every dialect.
			found := false
			for _, tm := range tms {
				for _, b := range tm.Breaks() {
					if b.StartSeq == breakFirst {
						found = true
					}
				}
			}
			if !found {
				t.Fatalf("no break at sequence %d detected", breakFirst)
			}
			if !strings.Contains(string(outs[len(outs)/2]), "/v1/s/TOKEN/a/") {
				t.Fatalf("mid-way refresh has no ad segments:\n%s", outs[len(outs)/2])
			}
		})
	}
}

// checkLiveConsistency asserts what a player refreshing the playlist needs:
// the media sequence never goes back, a sequence number always names the
// same segment with the same discontinuity sequence number, every ad/content
// boundary has a discontinuity, and the output re-parses.
func checkLiveConsistency(t *testing.T, outs [][]byte) {
	t.Helper()
	type seen struct {
		uri  string
		disc uint64
	}
	bySeq := map[uint64]seen{}
	var lastMS uint64
	for k, out := range outs {
		m, err := ParseMedia(out, "http://adstitch.example/v1/s/TOKEN/p/0.m3u8")
		if err != nil {
			t.Fatalf("refresh %d does not re-parse: %v\n%s", k, err, out)
		}
		if k > 0 && m.MediaSequence < lastMS {
			t.Fatalf("refresh %d: media sequence went back %d -> %d", k, lastMS, m.MediaSequence)
		}
		lastMS = m.MediaSequence
		for i, s := range m.Segments {
			if old, ok := bySeq[s.Seq]; ok && (old.uri != s.URI || old.disc != s.DiscSeq) {
				t.Fatalf("refresh %d: sequence %d was %s (disc %d), now %s (disc %d)\n%s", k, s.Seq, old.uri, old.disc, s.URI, s.DiscSeq, out)
			}
			bySeq[s.Seq] = seen{s.URI, s.DiscSeq}
			if i > 0 && segKind(m.Segments[i-1].URI) != segKind(s.URI) && !s.Discontinuity {
				t.Fatalf("refresh %d: no discontinuity between %s and %s", k, m.Segments[i-1].URI, s.URI)
			}
			if s.Duration > float64(m.TargetDuration)+0.5 {
				t.Fatalf("refresh %d: segment %s longer than target duration", k, s.URI)
			}
		}
	}
}

// segKind names what produced a segment: the origin, or one pod item.
func segKind(uri string) string {
	if i := strings.Index(uri, "/a/"); i >= 0 {
		parts := strings.Split(uri[i+3:], "/")
		if len(parts) >= 3 {
			return parts[0] + "/" + parts[1] + "/" + parts[2]
		}
	}
	return "content"
}
