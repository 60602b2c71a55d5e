package scte35

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
)

// TestEncodeRoundTripCues re-encodes every table cue: decoding the encoding
// gives the same Section, and canonical cues come back byte for byte.
func TestEncodeRoundTripCues(t *testing.T) {
	for _, c := range casesCues {
		t.Run(c.name, func(t *testing.T) {
			in := mustCueBytes(t, c.text)
			s, err := Decode(in)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			out, err := s.Encode()
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if c.canonical && !bytes.Equal(out, in) {
				t.Errorf("Encode = %x\nwant     %x", out, in)
			}
			back, err := Decode(out)
			if err != nil {
				t.Fatalf("Decode(Encode): %v", err)
			}
			if !reflect.DeepEqual(back, s) {
				t.Errorf("Decode(Encode(s)) =\n%s\nwant\n%s", dump(back), dump(s))
			}
		})
	}
}

// casesBuilt are sections built in code, covering what the real cues do
// not: components, sub-segments, cancels, private and other commands.
var casesBuilt = []struct {
	name string
	s    Section
}{
	{"time_signal break start 0x22 with duration", Section{Tier: 0xFFF, CommandType: CmdTimeSignal, TimeSignal: u64(maxPTS), Segmentations: []Segmentation{{
		EventID: 7, TypeID: 0x22, Duration: u64(Ticks(30e9)), UPIDType: 0x09, UPID: []byte("SIGNAL:abc"),
	}}}},
	{"time_signal without time, PO start with sub-segments", Section{Tier: 0x123, PTSAdjustment: maxPTS, CommandType: CmdTimeSignal, Segmentations: []Segmentation{{
		EventID: 8, TypeID: 0x36, Duration: u64(maxSegDuration), SegmentNum: 1, SegmentsExpected: 2, SubSegmentNum: 3, SubSegmentsExpected: 4,
		Restrictions: &DeliveryRestrictions{WebDeliveryAllowed: true, DeviceRestrictions: 1},
	}}}},
	{"component segmentation", Section{CommandType: CmdTimeSignal, TimeSignal: u64(0), Segmentations: []Segmentation{{
		EventID: 9, TypeID: 0x30, Components: []SegmentationComponent{{Tag: 1, PTSOffset: 90000}, {Tag: 2, PTSOffset: maxPTS}},
	}}}},
	{"component segmentation with no components", Section{CommandType: CmdTimeSignal, Segmentations: []Segmentation{{
		EventID: 10, TypeID: 0x31, Components: []SegmentationComponent{},
	}}}},
	{"segmentation cancel next to a start", Section{CommandType: CmdTimeSignal, Segmentations: []Segmentation{
		{EventID: 11, Cancel: true},
		{EventID: 12, TypeID: 0x44, SubSegmentsExpected: 1},
	}}},
	{"splice_insert cancel", Section{Tier: 0xFFF, CommandType: CmdSpliceInsert, Insert: &SpliceInsert{EventID: 13, Cancel: true}}},
	{"splice_insert component splice", Section{CommandType: CmdSpliceInsert, Insert: &SpliceInsert{
		EventID: 14, OutOfNetwork: true, BreakDuration: &BreakDuration{Duration: maxPTS},
		Components: []SpliceComponent{{Tag: 0x10, SpliceTime: u64(1)}, {Tag: 0x11}}, AvailNum: 1, AvailsExpected: 2,
	}}},
	{"splice_insert immediate component splice", Section{CommandType: CmdSpliceInsert, Insert: &SpliceInsert{
		EventID: 15, Immediate: true, Components: []SpliceComponent{{Tag: 0x10}},
	}}},
	{"splice_insert program splice without time", Section{CommandType: CmdSpliceInsert, Insert: &SpliceInsert{
		EventID: 16, OutOfNetwork: true, ProgramSplice: true, UniqueProgramID: 0xFFFF,
	}}},
	{"splice_insert with segmentation descriptor", Section{CommandType: CmdSpliceInsert, Insert: &SpliceInsert{
		EventID: 17, OutOfNetwork: true, ProgramSplice: true, Immediate: true,
	}, Segmentations: []Segmentation{{EventID: 17, TypeID: 0x34}}}},
	{"private_command", Section{CommandType: CmdPrivate, Private: &PrivateCommand{Identifier: 0x41424344, Data: []byte{1, 2, 3}}}},
	{"private_command without data", Section{CommandType: CmdPrivate, Private: &PrivateCommand{Identifier: 1}}},
	{"bandwidth_reservation", Section{Tier: 0xFFF, CommandType: CmdBandwidthReservation}},
	{"splice_schedule", Section{CommandType: CmdSchedule}},
}

func TestEncodeRoundTripBuilt(t *testing.T) {
	for _, c := range casesBuilt {
		t.Run(c.name, func(t *testing.T) {
			b, err := c.s.Encode()
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			got, err := Decode(b)
			if err != nil {
				t.Fatalf("Decode(%x): %v", b, err)
			}
			if !reflect.DeepEqual(*got, c.s) {
				t.Errorf("Decode(Encode(s)) =\n%s\nwant\n%s", dump(got), dump(&c.s))
			}
		})
	}
}

// TestDecodeSchedule decodes a splice_schedule (SCTE 35 9.7.2) built by hand,
// in both the explicit and the legacy command length forms: it is walked
// for its length and dropped.
func TestDecodeSchedule(t *testing.T) {
	cmd := unhex("02" + // splice_count
		"00000001" + "7f" + "ff" + "5f3a1b00" + "fe00149970" + "0001" + "01" + "02" + // program splice, duration
		"00000002" + "7f" + "1f" + "02" + "01" + "5f3a1b00" + "02" + "5f3a1b00" + "0003" + "00" + "00") // 2 components
	for _, legacy := range []bool{false, true} {
		n := len(cmd)
		if legacy {
			n = legacyCommandLength
		}
		b := []byte{0xFC, 0x30, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xF0 | byte(n>>8), byte(n), CmdSchedule}
		b = append(b, cmd...)
		b = append(b, 0, 0, 0, 0, 0, 0)
		b[2] = byte(len(b) - 3)
		s, err := Decode(withCRC(b))
		if err != nil {
			t.Fatalf("legacy=%v: Decode: %v", legacy, err)
		}
		if want := (Section{Tier: 0xFFF, CommandType: CmdSchedule}); !reflect.DeepEqual(*s, want) {
			t.Errorf("legacy=%v: Decode =\n%s", legacy, dump(s))
		}
	}
}

func TestEncodeErrors(t *testing.T) {
	long := make([]Segmentation, 300)
	for i := range long {
		long[i] = Segmentation{EventID: uint32(i), TypeID: 0x30}
	}
	cases := []struct {
		name string
		s    Section
		want error
	}{
		{"tier over 12 bits", Section{Tier: 0x1000}, ErrInvalid},
		{"pts_adjustment over 33 bits", Section{PTSAdjustment: maxPTS + 1}, ErrInvalid},
		{"time_signal over 33 bits", Section{CommandType: CmdTimeSignal, TimeSignal: u64(maxPTS + 1)}, ErrInvalid},
		{"reserved command", Section{CommandType: 0x02}, ErrCommand},
		{"splice_insert without Insert", Section{CommandType: CmdSpliceInsert}, ErrCommand},
		{"Insert on a time_signal", Section{CommandType: CmdTimeSignal, Insert: &SpliceInsert{}}, ErrCommand},
		{"TimeSignal on a splice_null", Section{TimeSignal: u64(1)}, ErrCommand},
		{"private_command without Private", Section{CommandType: CmdPrivate}, ErrCommand},
		{"Private on a splice_null", Section{Private: &PrivateCommand{}}, ErrCommand},
		{"insert cancel with fields", Section{CommandType: CmdSpliceInsert, Insert: &SpliceInsert{Cancel: true, OutOfNetwork: true}}, ErrInvalid},
		{"insert splice time when immediate", Section{CommandType: CmdSpliceInsert, Insert: &SpliceInsert{ProgramSplice: true, Immediate: true, SpliceTime: u64(1)}}, ErrInvalid},
		{"insert splice time on a component splice", Section{CommandType: CmdSpliceInsert, Insert: &SpliceInsert{SpliceTime: u64(1)}}, ErrInvalid},
		{"insert splice time over 33 bits", Section{CommandType: CmdSpliceInsert, Insert: &SpliceInsert{ProgramSplice: true, SpliceTime: u64(maxPTS + 1)}}, ErrInvalid},
		{"break duration over 33 bits", Section{CommandType: CmdSpliceInsert, Insert: &SpliceInsert{BreakDuration: &BreakDuration{Duration: maxPTS + 1}}}, ErrInvalid},
		{"components on a program splice", Section{CommandType: CmdSpliceInsert, Insert: &SpliceInsert{ProgramSplice: true, Components: []SpliceComponent{{}}}}, ErrInvalid},
		{"component time when immediate", Section{CommandType: CmdSpliceInsert, Insert: &SpliceInsert{Immediate: true, Components: []SpliceComponent{{SpliceTime: u64(1)}}}}, ErrInvalid},
		{"256 components", Section{CommandType: CmdSpliceInsert, Insert: &SpliceInsert{Components: make([]SpliceComponent, 256)}}, ErrInvalid},
		{"segmentation cancel with fields", Section{Segmentations: []Segmentation{{Cancel: true, TypeID: 0x22}}}, ErrInvalid},
		{"segmentation duration over 40 bits", Section{Segmentations: []Segmentation{{Duration: u64(maxSegDuration + 1)}}}, ErrInvalid},
		{"device_restrictions over 2 bits", Section{Segmentations: []Segmentation{{Restrictions: &DeliveryRestrictions{DeviceRestrictions: 4}}}}, ErrInvalid},
		{"upid over 255 bytes", Section{Segmentations: []Segmentation{{UPID: make([]byte, 256)}}}, ErrInvalid},
		{"descriptor over 255 bytes", Section{Segmentations: []Segmentation{{UPID: make([]byte, 250)}}}, ErrInvalid},
		{"sub-segments on an ad start", Section{Segmentations: []Segmentation{{TypeID: 0x30, SubSegmentNum: 1}}}, ErrInvalid},
		{"component pts_offset over 33 bits", Section{Segmentations: []Segmentation{{Components: []SegmentationComponent{{PTSOffset: maxPTS + 1}}}}}, ErrInvalid},
		{"section over 4093 bytes", Section{Segmentations: long}, ErrInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := c.s.Encode()
			if !errors.Is(err, c.want) {
				t.Fatalf("Encode error = %v, want %v", err, c.want)
			}
			if b != nil {
				t.Errorf("Encode returned %x with error %v", b, err)
			}
		})
	}
}
