package scte35

import "fmt"

// Segmentation is a segmentation_descriptor() with the "CUEI" identifier.
type Segmentation struct {
	EventID          uint32
	Cancel           bool    // segmentation_event_cancel_indicator; no other field is sent
	TypeID           uint8   // e.g. 0x22 break start, 0x30/0x32/0x34/0x36 starts, 0x23/0x31/0x33/0x35/0x37 ends
	Duration         *uint64 // 40-bit ticks when segmentation_duration_flag
	UPIDType         uint8
	UPID             []byte // raw segmentation_upid() bytes, nil when empty (a MID keeps its nested type/length bytes)
	SegmentNum       uint8
	SegmentsExpected uint8

	// Restrictions is nil when delivery_not_restricted_flag is set.
	Restrictions *DeliveryRestrictions
	// Components is nil for a program segmentation (program_segmentation_flag
	// set) and non-nil, possibly empty, for a component segmentation.
	Components []SegmentationComponent
	// SubSegmentNum and SubSegmentsExpected follow segments_expected for the
	// placement-opportunity and ad-block start types (see hasSubSegments).
	// Editions before 2016 omit them; they then decode as 0, and Encode
	// writes them only when one is non-zero.
	SubSegmentNum       uint8
	SubSegmentsExpected uint8
}

// DeliveryRestrictions are the flags sent when delivery_not_restricted_flag
// is 0.
type DeliveryRestrictions struct {
	WebDeliveryAllowed bool
	NoRegionalBlackout bool
	ArchiveAllowed     bool
	DeviceRestrictions uint8 // 2 bits: 0-2 restrict group 0-2, 3 none
}

// SegmentationComponent is one component of a component segmentation.
type SegmentationComponent struct {
	Tag       uint8
	PTSOffset uint64 // 33-bit ticks
}

const (
	segmentationTag = 0x02
	cueIdentifier   = 0x43554549 // "CUEI"
)

// hasSubSegments reports whether a segmentation type carries
// sub_segment_num and sub_segments_expected (SCTE 35 2023
// segmentation_descriptor syntax; 2016 had only 0x34 and 0x36).
func hasSubSegments(typeID uint8) bool {
	switch typeID {
	case 0x34, 0x36, 0x38, 0x3A, 0x44, 0x46:
		return true
	}
	return false
}

// readSegmentation reads a segmentation_descriptor() body after its
// identifier; the caller checks r.overrun. Bytes left over at the end of the
// descriptor are ignored, as later editions may append fields.
func readSegmentation(r *bitReader) Segmentation {
	var s Segmentation
	s.EventID = uint32(r.bits(32))
	s.Cancel = r.flag()
	r.bits(7) // segmentation_event_id_compliance_indicator, reserved
	if s.Cancel {
		return s
	}
	program := r.flag()
	hasDuration := r.flag()
	notRestricted := r.flag()
	if notRestricted {
		r.bits(5) // reserved
	} else {
		var d DeliveryRestrictions
		d.WebDeliveryAllowed = r.flag()
		d.NoRegionalBlackout = r.flag()
		d.ArchiveAllowed = r.flag()
		d.DeviceRestrictions = uint8(r.bits(2))
		s.Restrictions = &d
	}
	if !program {
		n := int(r.bits(8))
		s.Components = make([]SegmentationComponent, 0, min(n, r.left()/6))
		for range n {
			var c SegmentationComponent
			c.Tag = uint8(r.bits(8))
			r.bits(7) // reserved
			c.PTSOffset = r.bits(33)
			if r.overrun {
				return s
			}
			s.Components = append(s.Components, c)
		}
	}
	if hasDuration {
		d := r.bits(40)
		s.Duration = &d
	}
	s.UPIDType = uint8(r.bits(8))
	s.UPID = r.bytes(int(r.bits(8)))
	s.TypeID = uint8(r.bits(8))
	s.SegmentNum = uint8(r.bits(8))
	s.SegmentsExpected = uint8(r.bits(8))
	if hasSubSegments(s.TypeID) && r.left() >= 2 {
		s.SubSegmentNum = uint8(r.bits(8))
		s.SubSegmentsExpected = uint8(r.bits(8))
	}
	return s
}

// writeSegmentation writes a whole segmentation_descriptor(), tag and
// length included.
func writeSegmentation(w *bitWriter, s *Segmentation) {
	var body bitWriter
	body.bits(cueIdentifier, 32)
	body.bits(uint64(s.EventID), 32)
	body.flag(s.Cancel)
	body.reserved(7) // compliance indicator '1' and 6 reserved bits
	if !s.Cancel {
		body.flag(s.Components == nil)
		body.flag(s.Duration != nil)
		body.flag(s.Restrictions == nil)
		if d := s.Restrictions; d != nil {
			body.flag(d.WebDeliveryAllowed)
			body.flag(d.NoRegionalBlackout)
			body.flag(d.ArchiveAllowed)
			body.bits(uint64(d.DeviceRestrictions), 2)
		} else {
			body.reserved(5)
		}
		if s.Components != nil {
			body.bits(uint64(len(s.Components)), 8)
			for _, c := range s.Components {
				body.bits(uint64(c.Tag), 8)
				body.reserved(7)
				body.bits(c.PTSOffset, 33)
			}
		}
		if s.Duration != nil {
			body.bits(*s.Duration, 40)
		}
		body.bits(uint64(s.UPIDType), 8)
		body.bits(uint64(len(s.UPID)), 8)
		body.bytes(s.UPID)
		body.bits(uint64(s.TypeID), 8)
		body.bits(uint64(s.SegmentNum), 8)
		body.bits(uint64(s.SegmentsExpected), 8)
		if s.SubSegmentNum != 0 || s.SubSegmentsExpected != 0 {
			body.bits(uint64(s.SubSegmentNum), 8)
			body.bits(uint64(s.SubSegmentsExpected), 8)
		}
	}
	w.bits(segmentationTag, 8)
	w.bits(uint64(len(body.buf)), 8)
	w.bytes(body.buf)
}

// validate rejects what writeSegmentation could not encode faithfully.
func (s *Segmentation) validate() error {
	if s.Cancel {
		if s.TypeID != 0 || s.Duration != nil || s.UPIDType != 0 || len(s.UPID) > 0 ||
			s.SegmentNum != 0 || s.SegmentsExpected != 0 || s.Restrictions != nil ||
			s.Components != nil || s.SubSegmentNum != 0 || s.SubSegmentsExpected != 0 {
			return fmt.Errorf("segmentation %d: cancel carries only the event id: %w", s.EventID, ErrInvalid)
		}
		return nil
	}
	if s.Duration != nil && *s.Duration > maxSegDuration {
		return fmt.Errorf("segmentation %d: duration %d exceeds 40 bits: %w", s.EventID, *s.Duration, ErrInvalid)
	}
	if s.Restrictions != nil && s.Restrictions.DeviceRestrictions > 3 {
		return fmt.Errorf("segmentation %d: device_restrictions %d exceeds 2 bits: %w", s.EventID, s.Restrictions.DeviceRestrictions, ErrInvalid)
	}
	if len(s.Components) > 255 {
		return fmt.Errorf("segmentation %d: %d components exceed 255: %w", s.EventID, len(s.Components), ErrInvalid)
	}
	for _, c := range s.Components {
		if c.PTSOffset > maxPTS {
			return fmt.Errorf("segmentation %d: component %d pts_offset %d exceeds 33 bits: %w", s.EventID, c.Tag, c.PTSOffset, ErrInvalid)
		}
	}
	if len(s.UPID) > 255 {
		return fmt.Errorf("segmentation %d: %d-byte upid exceeds 255: %w", s.EventID, len(s.UPID), ErrInvalid)
	}
	if (s.SubSegmentNum != 0 || s.SubSegmentsExpected != 0) && !hasSubSegments(s.TypeID) {
		return fmt.Errorf("segmentation %d: type 0x%02X has no sub-segments: %w", s.EventID, s.TypeID, ErrInvalid)
	}
	if n := s.bodyLen(); n > 255 {
		return fmt.Errorf("segmentation %d: %d-byte descriptor exceeds 255: %w", s.EventID, n, ErrInvalid)
	}
	return nil
}

// bodyLen is the descriptor_length writeSegmentation produces.
func (s *Segmentation) bodyLen() int {
	n := 4 + 4 + 1 // identifier, event id, cancel byte
	if s.Cancel {
		return n
	}
	n += 1 + 2 + len(s.UPID) + 3 // flags, upid type+length+bytes, type/num/expected
	if s.Components != nil {
		n += 1 + 6*len(s.Components)
	}
	if s.Duration != nil {
		n += 5
	}
	if s.SubSegmentNum != 0 || s.SubSegmentsExpected != 0 {
		n += 2
	}
	return n
}
