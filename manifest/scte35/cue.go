package scte35

import "time"

// CueKind is what a section means for ad insertion.
type CueKind uint8

// Cue kinds.
const (
	CueNone   CueKind = iota // nothing for ad insertion (heartbeat, program boundary…)
	CueOut                   // a break starts: leave the network feed
	CueIn                    // a break ends: return to the network feed
	CueCancel                // a previously signalled event is withdrawn
)

func (k CueKind) String() string {
	switch k {
	case CueNone:
		return "none"
	case CueOut:
		return "out"
	case CueIn:
		return "in"
	case CueCancel:
		return "cancel"
	}
	return "unknown"
}

// Cue is the ad-insertion meaning of a section.
type Cue struct {
	Kind        CueKind
	EventID     uint32        // splice_event_id or segmentation_event_id
	Duration    time.Duration // planned break duration, when HasDuration
	HasDuration bool
}

// Cue reduces s to its ad-insertion meaning. A splice_insert is a cancel, an
// out (out_of_network_indicator, duration from break_duration) or an in. A
// time_signal is read from its first segmentation descriptor that is a
// cancel, a break/ad/placement-opportunity/promo/ad-block start (an out,
// duration from segmentation_duration) or the matching end (an in). Anything
// else is CueNone.
func (s *Section) Cue() Cue {
	switch s.CommandType {
	case CmdSpliceInsert:
		if s.Insert != nil {
			return insertCue(s.Insert)
		}
	case CmdTimeSignal:
		for i := range s.Segmentations {
			if c := segmentationCue(&s.Segmentations[i]); c.Kind != CueNone {
				return c
			}
		}
	}
	return Cue{}
}

func insertCue(in *SpliceInsert) Cue {
	c := Cue{EventID: in.EventID}
	switch {
	case in.Cancel:
		c.Kind = CueCancel
	case in.OutOfNetwork:
		c.Kind = CueOut
		if in.BreakDuration != nil {
			c.Duration = TicksDuration(in.BreakDuration.Duration)
			c.HasDuration = true
		}
	default:
		c.Kind = CueIn
	}
	return c
}

func segmentationCue(seg *Segmentation) Cue {
	c := Cue{EventID: seg.EventID}
	switch {
	case seg.Cancel:
		c.Kind = CueCancel
	case isBreakStart(seg.TypeID):
		c.Kind = CueOut
		if seg.Duration != nil {
			c.Duration = TicksDuration(*seg.Duration)
			c.HasDuration = true
		}
	case isBreakStart(seg.TypeID - 1):
		c.Kind = CueIn
	}
	return c
}

// isBreakStart reports whether a segmentation type opens an ad break: break
// start, provider/distributor advertisement, placement opportunity, overlay
// placement opportunity, promo and ad block starts. Each end type is the
// start type + 1.
func isBreakStart(typeID uint8) bool {
	switch typeID {
	case 0x22, 0x30, 0x32, 0x34, 0x36, 0x38, 0x3A, 0x3C, 0x3E, 0x44, 0x46:
		return true
	}
	return false
}
