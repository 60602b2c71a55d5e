package scte35

import (
	"testing"
	"time"
)

func TestCueRealCues(t *testing.T) {
	for _, c := range casesCues {
		s, err := DecodeString(c.text)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := s.Cue(); got != c.cue {
			t.Errorf("%s: Cue() = %+v, want %+v", c.name, got, c.cue)
		}
	}
}

func TestCue(t *testing.T) {
	signal := func(segs ...Segmentation) Section {
		return Section{CommandType: CmdTimeSignal, TimeSignal: u64(1), Segmentations: segs}
	}
	insert := func(in SpliceInsert) Section { return Section{CommandType: CmdSpliceInsert, Insert: &in} }
	cases := []struct {
		name string
		s    Section
		want Cue
	}{
		{"insert cancel", insert(SpliceInsert{EventID: 1, Cancel: true}), Cue{Kind: CueCancel, EventID: 1}},
		{"insert out without duration", insert(SpliceInsert{EventID: 2, OutOfNetwork: true, ProgramSplice: true}), Cue{Kind: CueOut, EventID: 2}},
		{"insert out 30s", insert(SpliceInsert{EventID: 3, OutOfNetwork: true, BreakDuration: &BreakDuration{Duration: 2700000}}),
			Cue{Kind: CueOut, EventID: 3, Duration: 30 * time.Second, HasDuration: true}},
		{"insert in", insert(SpliceInsert{EventID: 4, ProgramSplice: true, Immediate: true}), Cue{Kind: CueIn, EventID: 4}},
		{"insert command without Insert", Section{CommandType: CmdSpliceInsert}, Cue{}},
		{"break start 0x22", signal(Segmentation{EventID: 5, TypeID: 0x22, Duration: u64(2700000)}),
			Cue{Kind: CueOut, EventID: 5, Duration: 30 * time.Second, HasDuration: true}},
		{"break end 0x23", signal(Segmentation{EventID: 5, TypeID: 0x23}), Cue{Kind: CueIn, EventID: 5}},
		{"provider ad start 0x30 without duration", signal(Segmentation{EventID: 6, TypeID: 0x30}), Cue{Kind: CueOut, EventID: 6}},
		{"distributor ad end 0x33", signal(Segmentation{EventID: 6, TypeID: 0x33}), Cue{Kind: CueIn, EventID: 6}},
		{"distributor PO start 0x36", signal(Segmentation{EventID: 7, TypeID: 0x36, Duration: u64(90000)}),
			Cue{Kind: CueOut, EventID: 7, Duration: time.Second, HasDuration: true}},
		{"overlay PO end 0x3B", signal(Segmentation{EventID: 7, TypeID: 0x3B}), Cue{Kind: CueIn, EventID: 7}},
		{"promo start 0x3C", signal(Segmentation{EventID: 8, TypeID: 0x3C}), Cue{Kind: CueOut, EventID: 8}},
		{"distributor promo end 0x3F", signal(Segmentation{EventID: 8, TypeID: 0x3F}), Cue{Kind: CueIn, EventID: 8}},
		{"provider ad block start 0x44", signal(Segmentation{EventID: 9, TypeID: 0x44}), Cue{Kind: CueOut, EventID: 9}},
		{"distributor ad block end 0x47", signal(Segmentation{EventID: 9, TypeID: 0x47}), Cue{Kind: CueIn, EventID: 9}},
		{"segmentation cancel", signal(Segmentation{EventID: 10, Cancel: true}), Cue{Kind: CueCancel, EventID: 10}},
		{"program start only", signal(Segmentation{EventID: 11, TypeID: 0x10}), Cue{}},
		{"chapter end 0x21 is not a break end", signal(Segmentation{EventID: 11, TypeID: 0x21}), Cue{}},
		{"type 0x00 is nothing", signal(Segmentation{EventID: 11}), Cue{}},
		{"first ad descriptor wins", signal(
			Segmentation{EventID: 12, TypeID: 0x11},
			Segmentation{EventID: 13, TypeID: 0x34, Duration: u64(180000)},
			Segmentation{EventID: 14, TypeID: 0x35},
		), Cue{Kind: CueOut, EventID: 13, Duration: 2 * time.Second, HasDuration: true}},
		{"time_signal without descriptors", signal(), Cue{}},
		{"splice_null with a break start is ignored", Section{Segmentations: []Segmentation{{EventID: 15, TypeID: 0x22}}}, Cue{}},
	}
	for _, c := range cases {
		if got := c.s.Cue(); got != c.want {
			t.Errorf("%s: Cue() = %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestCueKindString(t *testing.T) {
	for k, want := range map[CueKind]string{CueNone: "none", CueOut: "out", CueIn: "in", CueCancel: "cancel", 9: "unknown"} {
		if got := k.String(); got != want {
			t.Errorf("CueKind(%d).String() = %q, want %q", k, got, want)
		}
	}
}
