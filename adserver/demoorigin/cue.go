package demoorigin

import (
	"encoding/base64"
	"strconv"
	"time"

	"github.com/adstitch/adstitch/manifest/scte35"
)

// appendCue appends the break signalling that goes before global segment
// n; first says n is the first segment of the window.
//
// DATERANGE: RFC 8216bis §4.4.5.1 makes tags with the same ID one Date
// Range whose shared attributes must agree, so the out and in tags carry
// the same ID and START-DATE; only the in tag has DURATION (the out tag
// leaves the length to the SCTE-35 break_duration, as a live encoder that
// does not yet know it would), and no END-DATE is sent that could
// disagree with it. A Date Range is positioned by its START-DATE, not by
// where the tag sits, so when the window starts inside a break the out tag
// is repeated before the first segment: a client joining mid-break still
// learns the range. The EXT-X-PROGRAM-DATE-TIME on every segment is the
// one §4.4.5.1 requires of a playlist with EXT-X-DATERANGE.
func (o *Origin) appendCue(dst []byte, d Dialect, n int64, first bool) []byte {
	pos := int(n % LoopSegments)
	cycle := n / LoopSegments
	inBreak := pos >= BreakOffset && pos < BreakOffset+BreakSegments
	returns := pos == BreakOffset+BreakSegments
	if !inBreak && !returns {
		return dst
	}
	var section []byte
	if inBreak {
		section = o.splice(cycle, true)
	} else {
		section = o.splice(cycle, false)
	}
	if section == nil {
		return dst // unreachable: splice only fails on out-of-range fields
	}

	switch d {
	case DialectCueOut:
		switch {
		case pos == BreakOffset:
			dst = append(dst, "#EXT-X-CUE-OUT:DURATION="...)
			dst = appendSeconds(dst, BreakDuration)
		case inBreak:
			dst = append(dst, "#EXT-X-CUE-OUT-CONT:ElapsedTime="...)
			dst = appendSeconds(dst, time.Duration(pos-BreakOffset)*segmentDuration)
			dst = append(dst, ",Duration="...)
			dst = appendSeconds(dst, BreakDuration)
			dst = append(dst, ",SCTE35="...)
			dst = base64.StdEncoding.AppendEncode(dst, section)
		default:
			dst = append(dst, "#EXT-X-CUE-IN"...)
		}
	case DialectDateRange:
		if inBreak && pos != BreakOffset && !first {
			return dst
		}
		dst = append(dst, "#EXT-X-DATERANGE:ID=\"splice-"...)
		dst = strconv.AppendUint(dst, uint64(eventID(cycle)), 10)
		dst = append(dst, "\",START-DATE=\""...)
		dst = appendDate(dst, o.segmentStart(cycle*LoopSegments+BreakOffset))
		if inBreak {
			dst = append(dst, "\",SCTE35-OUT=0x"...)
		} else {
			dst = append(dst, "\",DURATION="...)
			dst = appendSeconds(dst, BreakDuration)
			dst = append(dst, ",SCTE35-IN=0x"...)
		}
		dst = appendHex(dst, section)
	case DialectOATCLS:
		if inBreak && pos != BreakOffset {
			return dst
		}
		dst = append(dst, "#EXT-OATCLS-SCTE35:"...)
		dst = base64.StdEncoding.AppendEncode(dst, section)
	}
	return append(dst, '\n')
}

// eventID is the splice_event_id of loop cycle c's break.
func eventID(cycle int64) uint32 { return uint32(cycle + 1) }

// splice returns the encoded splice_insert of cycle's break: out of
// network at the break's first segment with a 20 s auto-return
// break_duration, or back in at the segment after it. The splice time is
// the PTS that segment really starts with in the VOD files the loop
// replays.
func (o *Origin) splice(cycle int64, out bool) []byte {
	pos := BreakOffset
	if !out {
		pos += BreakSegments
	}
	pts := (o.startPTS + scte35.Ticks(time.Duration(pos)*segmentDuration)) & (1<<33 - 1)
	insert := &scte35.SpliceInsert{
		EventID:         eventID(cycle),
		OutOfNetwork:    out,
		ProgramSplice:   true,
		SpliceTime:      &pts,
		UniqueProgramID: 1,
		AvailNum:        1,
		AvailsExpected:  1,
	}
	if out {
		insert.BreakDuration = &scte35.BreakDuration{AutoReturn: true, Duration: scte35.Ticks(BreakDuration)}
	}
	s := scte35.Section{Tier: 0xFFF, CommandType: scte35.CmdSpliceInsert, Insert: insert}
	b, err := s.Encode()
	if err != nil {
		return nil
	}
	return b
}

// appendHex appends b as upper-case hex digits.
func appendHex(dst, b []byte) []byte {
	const digits = "0123456789ABCDEF"
	for _, c := range b {
		dst = append(dst, digits[c>>4], digits[c&0xF])
	}
	return dst
}
