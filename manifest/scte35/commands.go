package scte35

import "fmt"

// splice_command_type values.
const (
	CmdNull                 uint8 = 0x00
	CmdSchedule             uint8 = 0x04
	CmdSpliceInsert         uint8 = 0x05
	CmdTimeSignal           uint8 = 0x06
	CmdBandwidthReservation uint8 = 0x07
	CmdPrivate              uint8 = 0xFF
)

// PrivateCommand is private_command(): an identifier (a registered
// format_identifier) and opaque bytes.
type PrivateCommand struct {
	Identifier uint32
	Data       []byte // nil when empty
}

// readCommand reads the command selected by s.CommandType from r, which
// spans exactly splice_command_length bytes, or the rest of the section when
// legacy is set (splice_command_length 0xFFF: the length is implied by the
// command's own syntax).
func (s *Section) readCommand(r *bitReader, legacy bool) error {
	switch s.CommandType {
	case CmdNull, CmdBandwidthReservation:
	case CmdSchedule:
		skipSchedule(r)
	case CmdSpliceInsert:
		s.Insert = readSpliceInsert(r)
	case CmdTimeSignal:
		s.TimeSignal = readSpliceTime(r)
	case CmdPrivate:
		if legacy {
			return fmt.Errorf("private_command without splice_command_length: %w", ErrLength)
		}
		p := PrivateCommand{Identifier: uint32(r.bits(32))}
		p.Data = r.bytes(r.left())
		s.Private = &p
	default:
		return fmt.Errorf("splice_command_type 0x%02X: %w", s.CommandType, ErrCommand)
	}
	if r.overrun {
		return fmt.Errorf("%s needs more than %d bytes: %w", commandName(s.CommandType), len(r.buf), ErrShort)
	}
	return nil
}

// skipSchedule walks splice_schedule() without keeping it: ad insertion in
// HLS has no use for UTC-scheduled splices, but a legacy section still needs
// the command's length.
func skipSchedule(r *bitReader) {
	n := int(r.bits(8))
	for range n {
		r.bits(32) // splice_event_id
		cancel := r.flag()
		r.bits(7)
		if cancel {
			continue
		}
		r.bits(1) // out_of_network_indicator
		program := r.flag()
		hasDuration := r.flag()
		r.bits(5)
		if program {
			r.bits(32) // utc_splice_time
		} else {
			r.skip(8 * 5 * int(r.bits(8))) // component_tag, utc_splice_time
		}
		if hasDuration {
			r.bits(40)
		}
		r.bits(32) // unique_program_id, avail_num, avails_expected
		if r.overrun {
			return
		}
	}
}

// writeCommand writes the command selected by s.CommandType.
func (s *Section) writeCommand(w *bitWriter) error {
	if err := s.checkCommandFields(); err != nil {
		return err
	}
	switch s.CommandType {
	case CmdNull, CmdBandwidthReservation:
	case CmdSchedule:
		w.bits(0, 8) // splice_count: schedules are not kept, see skipSchedule
	case CmdSpliceInsert:
		if err := s.Insert.validate(); err != nil {
			return err
		}
		writeSpliceInsert(w, s.Insert)
	case CmdTimeSignal:
		if err := checkPTS("time_signal pts_time", s.TimeSignal); err != nil {
			return err
		}
		writeSpliceTime(w, s.TimeSignal)
	case CmdPrivate:
		w.bits(uint64(s.Private.Identifier), 32)
		w.bytes(s.Private.Data)
	}
	return nil
}

// checkCommandFields makes sure the command fields match s.CommandType,
// so that nothing set on a Section is silently dropped.
func (s *Section) checkCommandFields() error {
	name := commandName(s.CommandType)
	switch {
	case name == "":
		return fmt.Errorf("splice_command_type 0x%02X: %w", s.CommandType, ErrCommand)
	case (s.Insert != nil) != (s.CommandType == CmdSpliceInsert):
		return fmt.Errorf("%s: Insert must be set for splice_insert only: %w", name, ErrCommand)
	case s.TimeSignal != nil && s.CommandType != CmdTimeSignal:
		return fmt.Errorf("%s: TimeSignal must be nil: %w", name, ErrCommand)
	case (s.Private != nil) != (s.CommandType == CmdPrivate):
		return fmt.Errorf("%s: Private must be set for private_command only: %w", name, ErrCommand)
	}
	return nil
}

func commandName(t uint8) string {
	// An empty name marks a reserved type.
	switch t {
	case CmdNull:
		return "splice_null"
	case CmdSchedule:
		return "splice_schedule"
	case CmdSpliceInsert:
		return "splice_insert"
	case CmdTimeSignal:
		return "time_signal"
	case CmdBandwidthReservation:
		return "bandwidth_reservation"
	case CmdPrivate:
		return "private_command"
	}
	return ""
}
