package scte35

import (
	"encoding/hex"
	"time"
)

// cueCase is a real-world cue as it appears in a playlist tag, with its
// decoded fields and ad-insertion meaning. The table drives the decode,
// DecodeString, round-trip and cue tests and seeds FuzzDecode.
type cueCase struct {
	name string
	text string // hex ("0x…") or base64, as carried by the tag
	want Section
	cue  Cue
	// canonical is set when Encode reproduces the input byte for byte:
	// cw_index 0xFF, an explicit command length, no stuffing and no
	// descriptors other than segmentation ones.
	canonical bool
}

func u64(v uint64) *uint64 { return &v }

func unhex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// ti is a segmentation_upid of type 0x08 (Turner Identifier, 8 bytes).
func ti(v string) []byte { return unhex(v) }

var fullRestrictions = &DeliveryRestrictions{WebDeliveryAllowed: true, NoRegionalBlackout: true, ArchiveAllowed: true, DeviceRestrictions: 3}

// Sources: the sample messages of ANSI/SCTE 35 section 14 (14.1-14.4), cues
// from the Comcast/scte35-go test suite and threefive docs, and a published
// EXT-OATCLS-SCTE35 example with its decoded fields (qsok.com knowledge base).
var casesCues = []cueCase{
	{
		name: "splice_insert out, break_duration 15s",
		text: "/DAlAAAAAAAAAP/wFAUAAAABf+/+ANgNkv4AFJlwAAEBAQAA5xULLA==",
		want: Section{Tier: 0xFFF, CommandType: CmdSpliceInsert, Insert: &SpliceInsert{
			EventID: 1, OutOfNetwork: true, ProgramSplice: true, SpliceTime: u64(14159250),
			BreakDuration:   &BreakDuration{AutoReturn: true, Duration: 1350000},
			UniqueProgramID: 1, AvailNum: 1, AvailsExpected: 1,
		}},
		cue: Cue{Kind: CueOut, EventID: 1, Duration: 15 * time.Second, HasDuration: true},
	},
	{
		name: "SCTE 35 14.1 time_signal placement opportunity start, hex",
		text: "0xFC3034000000000000FFFFF00506FE72BD0050001E021C435545494800008E7FCF0001A599B00808000000002CA0A18A3402009AC9D17E",
		want: Section{Tier: 0xFFF, CommandType: CmdTimeSignal, TimeSignal: u64(0x072BD0050), Segmentations: []Segmentation{{
			EventID: 0x4800008E, TypeID: 0x34, Duration: u64(0x0001A599B0), UPIDType: 0x08, UPID: ti("000000002CA0A18A"), SegmentNum: 2,
			Restrictions: &DeliveryRestrictions{NoRegionalBlackout: true, ArchiveAllowed: true, DeviceRestrictions: 3},
		}}},
		cue:       Cue{Kind: CueOut, EventID: 0x4800008E, Duration: 307 * time.Second, HasDuration: true},
		canonical: true,
	},
	{
		name: "SCTE 35 14.2 splice_insert with avail descriptor, hex without prefix",
		text: "FC302F000000000000FFFFF014054800008F7FEFFE7369C02EFE0052CCF500000000000A0008435545490000013562DBA30A",
		want: Section{Tier: 0xFFF, CommandType: CmdSpliceInsert, Insert: &SpliceInsert{
			EventID: 0x4800008F, OutOfNetwork: true, ProgramSplice: true, SpliceTime: u64(0x07369C02E),
			BreakDuration: &BreakDuration{AutoReturn: true, Duration: 0x00052CCF5},
		}},
		cue: Cue{Kind: CueOut, EventID: 0x4800008F, Duration: TicksDuration(0x52CCF5), HasDuration: true},
	},
	{
		name: "SCTE 35 14.3 time_signal placement opportunity end",
		text: "/DAvAAAAAAAA///wBQb+dGKQoAAZAhdDVUVJSAAAjn+fCAgAAAAALKChijUCAKnMZ1g=",
		want: Section{Tier: 0xFFF, CommandType: CmdTimeSignal, TimeSignal: u64(0x0746290A0), Segmentations: []Segmentation{{
			EventID: 0x4800008E, TypeID: 0x35, UPIDType: 0x08, UPID: ti("000000002CA0A18A"), SegmentNum: 2, Restrictions: fullRestrictions,
		}}},
		cue:       Cue{Kind: CueIn, EventID: 0x4800008E},
		canonical: true,
	},
	{
		name: "SCTE 35 14.4 time_signal program end and start",
		text: "/DBIAAAAAAAA///wBQb+ek2ItgAyAhdDVUVJSAAAGH+fCAgAAAAALMvDRBEAAAIXQ1VFSUgAABl/nwgIAAAAACyk26AQAACZcuND",
		want: Section{Tier: 0xFFF, CommandType: CmdTimeSignal, TimeSignal: u64(0x07A4D88B6), Segmentations: []Segmentation{
			{EventID: 0x48000018, TypeID: 0x11, UPIDType: 0x08, UPID: ti("000000002CCBC344"), Restrictions: fullRestrictions},
			{EventID: 0x48000019, TypeID: 0x10, UPIDType: 0x08, UPID: ti("000000002CA4DBA0"), Restrictions: fullRestrictions},
		}},
		cue:       Cue{Kind: CueNone},
		canonical: true,
	},
	{
		name: "time_signal PO end then break end, 33-bit PTS",
		text: "/DBIAAAAAAAAAP/wBQb/tB67hgAyAhdDVUVJQAABEn+fCAgAAAAALzE8BTUAAAIXQ1VFSUAAAEV/nwgIAAAAAC8xPN4jAAAfiOPE",
		want: Section{Tier: 0xFFF, CommandType: CmdTimeSignal, TimeSignal: u64(7316880262), Segmentations: []Segmentation{
			{EventID: 0x40000112, TypeID: 0x35, UPIDType: 0x08, UPID: ti("000000002F313C05"), Restrictions: fullRestrictions},
			{EventID: 0x40000045, TypeID: 0x23, UPIDType: 0x08, UPID: ti("000000002F313CDE"), Restrictions: fullRestrictions},
		}},
		cue: Cue{Kind: CueIn, EventID: 0x40000112},
	},
	{
		name: "legacy splice_command_length 0xFFF, MPU upid",
		text: "/DA8AAAAAAAAAP///wb+06ACpQAmAiRDVUVJAACcHX//AACky4AMEERJU0NZTVdGMDQ1MjAwMEgxAQEMm4c0",
		want: Section{Tier: 0xFFF, CommandType: CmdTimeSignal, TimeSignal: u64(3550479013), Segmentations: []Segmentation{{
			EventID: 39965, TypeID: 0x31, Duration: u64(10800000), UPIDType: 0x0C, UPID: []byte("DISCYMWF0452000H"),
			SegmentNum: 1, SegmentsExpected: 1,
		}}},
		cue: Cue{Kind: CueIn, EventID: 39965},
	},
	{
		name: "splice_null heartbeat",
		text: "/DARAAAAAAAAAP/wAAAAAHpPv/8=",
		want: Section{Tier: 0xFFF, CommandType: CmdNull},
		cue:  Cue{Kind: CueNone},
	},
	{
		name: "time_signal with a non-CUEI descriptor first, URI upid",
		text: "/DBPAAAAAAAAAP/wBQb/Gq9LggA5AAVTQVBTCwIwQ1VFSf////9//wAAFI4PDxx1cm46bmJjdW5pLmNvbTpicmM6NDk5ODY2NDM0MQoBbM98zw==",
		want: Section{Tier: 0xFFF, CommandType: CmdTimeSignal, TimeSignal: u64(4742663042), Segmentations: []Segmentation{{
			EventID: 0xFFFFFFFF, TypeID: 0x31, Duration: u64(1347087), UPIDType: 0x0F, UPID: []byte("urn:nbcuni.com:brc:499866434"),
			SegmentNum: 10, SegmentsExpected: 1,
		}}},
		cue: Cue{Kind: CueIn, EventID: 0xFFFFFFFF},
	},
	{
		name: "legacy splice_insert immediate in with alignment stuffing",
		text: "/DAeAAAAAAAAAP///wViAA/nf18ACQAAAAAskJv+YPtE",
		want: Section{Tier: 0xFFF, CommandType: CmdSpliceInsert, Insert: &SpliceInsert{
			EventID: 1644171239, ProgramSplice: true, Immediate: true, UniqueProgramID: 9,
		}},
		cue: Cue{Kind: CueIn, EventID: 1644171239},
	},
	{
		name: "time_signal distributor PO end with MID upid",
		text: "/DBrAAAAAAAAAP/wBQb/AAAAAABVAlNDVUVJAAAAAn+/DUQKDBR3i+Xj9gAAAAAAAAoMFHeL5eP2AAAAAAAACSZTSUdOQUw6THk5RU1HeEtSMGhGWlV0cE1IZENVVlpuUlVGblp6MTcBA6QTOe8=",
		want: Section{Tier: 0xFFF, CommandType: CmdTimeSignal, TimeSignal: u64(1 << 32), Segmentations: []Segmentation{{
			EventID: 2, TypeID: 0x37, UPIDType: 0x0D, SegmentNum: 1, SegmentsExpected: 3,
			UPID: unhex("0a0c14778be5e3f60000000000000a0c14778be5e3f600000000000009265349474e414c3a4c7939454d47784b523068465a5574704d48644355565a6e5255466e5a7a31"),
		}}},
		cue: Cue{Kind: CueIn, EventID: 2},
	},
	{
		name: "splice_insert out 60s with DTMF descriptor",
		text: "/DAxAAAAAAAAAP/wFAVAAIeuf+/+0AWRK/4AUmXAAC0AfwAMAQpDVUVJUJ81MTkqo5/+gA==",
		want: Section{Tier: 0xFFF, CommandType: CmdSpliceInsert, Insert: &SpliceInsert{
			EventID: 1073776558, OutOfNetwork: true, ProgramSplice: true, SpliceTime: u64(3490025771),
			BreakDuration:   &BreakDuration{AutoReturn: true, Duration: 5400000},
			UniqueProgramID: 45, AvailsExpected: 127,
		}},
		cue: Cue{Kind: CueOut, EventID: 1073776558, Duration: 60 * time.Second, HasDuration: true},
	},
	{
		name: "EXT-OATCLS-SCTE35 provider PO start, tier 0 (EXT-X-CUE-OUT:201.467)",
		text: "/DA0AAAAAAAAAAAABQb+ADAQ6QAeAhxDVUVJQAAAO3/PAAEUrEoICAAAAAAg+2UBNAAANvrtoQ==",
		want: Section{Tier: 0, CommandType: CmdTimeSignal, TimeSignal: u64(3150057), Segmentations: []Segmentation{{
			EventID: 1073741883, TypeID: 0x34, Duration: u64(18132042), UPIDType: 0x08, UPID: ti("0000000020FB6501"),
			Restrictions: &DeliveryRestrictions{NoRegionalBlackout: true, ArchiveAllowed: true, DeviceRestrictions: 3},
		}}},
		cue: Cue{Kind: CueOut, EventID: 1073741883, Duration: 201467133333, HasDuration: true},
	},
	{
		name: "splice_insert with pts_adjustment, tier 10, stuffing",
		text: "/DA0AABS2+YAAACgFAUALJGCf+/+MSwPcX4AUmXAAAAAAAAMAQpDVUVJRp8xMjEq3pnIPCi6lw==",
		want: Section{PTSAdjustment: 1390142976, Tier: 10, CommandType: CmdSpliceInsert, Insert: &SpliceInsert{
			EventID: 2920834, OutOfNetwork: true, ProgramSplice: true, SpliceTime: u64(824971121),
			BreakDuration: &BreakDuration{Duration: 5400000},
		}},
		cue: Cue{Kind: CueOut, EventID: 2920834, Duration: 60 * time.Second, HasDuration: true},
	},
}
