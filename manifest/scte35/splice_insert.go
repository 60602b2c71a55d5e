package scte35

import "fmt"

// SpliceInsert is the splice_insert() command.
type SpliceInsert struct {
	EventID         uint32
	Cancel          bool // splice_event_cancel_indicator; no other field is sent
	OutOfNetwork    bool
	ProgramSplice   bool
	Immediate       bool
	SpliceTime      *uint64        // 33-bit PTS when ProgramSplice && !Immediate && time_specified
	BreakDuration   *BreakDuration // when duration_flag
	UniqueProgramID uint16
	AvailNum        uint8
	AvailsExpected  uint8
	// Components are the per-component splice points when !ProgramSplice
	// (nil when component_count is 0).
	Components []SpliceComponent
}

// SpliceComponent is one component of a component-level splice_insert.
type SpliceComponent struct {
	Tag        uint8
	SpliceTime *uint64 // 33-bit PTS; always nil for an Immediate splice
}

// readSpliceInsert reads splice_insert(); the caller checks r.overrun.
func readSpliceInsert(r *bitReader) *SpliceInsert {
	var in SpliceInsert
	in.EventID = uint32(r.bits(32))
	in.Cancel = r.flag()
	r.bits(7) // reserved
	if in.Cancel {
		return &in
	}
	in.OutOfNetwork = r.flag()
	in.ProgramSplice = r.flag()
	hasDuration := r.flag()
	in.Immediate = r.flag()
	r.bits(4) // event_id_compliance_flag, reserved
	if in.ProgramSplice && !in.Immediate {
		in.SpliceTime = readSpliceTime(r)
	}
	if !in.ProgramSplice {
		n := int(r.bits(8))
		if n > 0 {
			in.Components = make([]SpliceComponent, 0, min(n, r.left()))
		}
		for range n {
			c := SpliceComponent{Tag: uint8(r.bits(8))}
			if !in.Immediate {
				c.SpliceTime = readSpliceTime(r)
			}
			if r.overrun {
				return nil
			}
			in.Components = append(in.Components, c)
		}
	}
	if hasDuration {
		in.BreakDuration = readBreakDuration(r)
	}
	in.UniqueProgramID = uint16(r.bits(16))
	in.AvailNum = uint8(r.bits(8))
	in.AvailsExpected = uint8(r.bits(8))
	return &in
}

func writeSpliceInsert(w *bitWriter, in *SpliceInsert) {
	w.bits(uint64(in.EventID), 32)
	w.flag(in.Cancel)
	w.reserved(7)
	if in.Cancel {
		return
	}
	w.flag(in.OutOfNetwork)
	w.flag(in.ProgramSplice)
	w.flag(in.BreakDuration != nil)
	w.flag(in.Immediate)
	w.reserved(4) // event_id_compliance_flag '1' and 3 reserved bits
	if in.ProgramSplice && !in.Immediate {
		writeSpliceTime(w, in.SpliceTime)
	}
	if !in.ProgramSplice {
		w.bits(uint64(len(in.Components)), 8)
		for _, c := range in.Components {
			w.bits(uint64(c.Tag), 8)
			if !in.Immediate {
				writeSpliceTime(w, c.SpliceTime)
			}
		}
	}
	if in.BreakDuration != nil {
		writeBreakDuration(w, in.BreakDuration)
	}
	w.bits(uint64(in.UniqueProgramID), 16)
	w.bits(uint64(in.AvailNum), 8)
	w.bits(uint64(in.AvailsExpected), 8)
}

// validate rejects what writeSpliceInsert could not encode faithfully.
func (in *SpliceInsert) validate() error {
	if in.Cancel {
		if in.OutOfNetwork || in.ProgramSplice || in.Immediate || in.SpliceTime != nil ||
			in.BreakDuration != nil || in.UniqueProgramID != 0 || in.AvailNum != 0 ||
			in.AvailsExpected != 0 || len(in.Components) > 0 {
			return fmt.Errorf("splice_insert %d: cancel carries only the event id: %w", in.EventID, ErrInvalid)
		}
		return nil
	}
	if in.SpliceTime != nil && (!in.ProgramSplice || in.Immediate) {
		return fmt.Errorf("splice_insert %d: splice time needs a program splice that is not immediate: %w", in.EventID, ErrInvalid)
	}
	if err := checkPTS("splice_insert pts_time", in.SpliceTime); err != nil {
		return err
	}
	if in.BreakDuration != nil {
		if err := checkPTS("break_duration", &in.BreakDuration.Duration); err != nil {
			return err
		}
	}
	if in.ProgramSplice && len(in.Components) > 0 {
		return fmt.Errorf("splice_insert %d: components need program_splice_flag 0: %w", in.EventID, ErrInvalid)
	}
	if len(in.Components) > 255 {
		return fmt.Errorf("splice_insert %d: %d components exceed 255: %w", in.EventID, len(in.Components), ErrInvalid)
	}
	for _, c := range in.Components {
		if c.SpliceTime != nil && in.Immediate {
			return fmt.Errorf("splice_insert %d: component %d has a splice time in an immediate splice: %w", in.EventID, c.Tag, ErrInvalid)
		}
		if err := checkPTS("splice_insert component pts_time", c.SpliceTime); err != nil {
			return err
		}
	}
	return nil
}
