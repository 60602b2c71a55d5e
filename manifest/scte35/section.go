package scte35

import (
	"encoding/binary"
	"fmt"
)

// Section is a decoded SCTE-35 splice_info_section.
type Section struct {
	PTSAdjustment uint64
	Tier          uint16        // 12 bits; 0xFFF when unused
	CommandType   uint8         // CmdNull, CmdSchedule, CmdSpliceInsert, CmdTimeSignal, CmdBandwidthReservation, CmdPrivate
	Insert        *SpliceInsert // CommandType == CmdSpliceInsert
	TimeSignal    *uint64       // CommandType == CmdTimeSignal and time_specified: 33-bit PTS
	// Segmentations are the segmentation_descriptor()s of the descriptor
	// loop, in order; other descriptors are skipped. Nil when there are none.
	Segmentations []Segmentation
	Private       *PrivateCommand // CommandType == CmdPrivate
}

const (
	tableID = 0xFC
	// headerLen counts the fixed fields after section_length, from
	// protocol_version through splice_command_type.
	headerLen = 11
	// minSectionLength is section_length with an empty command, an empty
	// descriptor loop and the CRC_32.
	minSectionLength = headerLen + 2 + 4
	// maxSectionLength is the largest section_length ISO/IEC 13818-1 allows
	// for a private section.
	maxSectionLength = 4093
	// legacyCommandLength in splice_command_length means "not given".
	legacyCommandLength = 0xFFF
)

// Decode decodes one splice_info_section. It checks table_id, every length
// field, the CRC_32 and protocol_version, and rejects encrypted sections.
// Trailing 0xFF stuffing after the section is allowed, and so is
// alignment_stuffing between the descriptor loop and the CRC_32. The result
// never aliases b.
func Decode(b []byte) (*Section, error) {
	if len(b) < 3 {
		return nil, fmt.Errorf("splice_info_section header: %d bytes: %w", len(b), ErrShort)
	}
	if b[0] != tableID {
		return nil, fmt.Errorf("table_id 0x%02X: %w", b[0], ErrTableID)
	}
	sectionLen := int(b[1]&0x0F)<<8 | int(b[2])
	end := 3 + sectionLen
	if sectionLen < minSectionLength {
		return nil, fmt.Errorf("section_length %d below the minimum %d: %w", sectionLen, minSectionLength, ErrLength)
	}
	if end > len(b) {
		return nil, fmt.Errorf("section_length %d needs %d bytes, have %d: %w", sectionLen, end, len(b), ErrShort)
	}
	for i, c := range b[end:] {
		if c != 0xFF {
			return nil, fmt.Errorf("byte 0x%02X at offset %d after the section end %d: %w", c, end+i, end, ErrLength)
		}
	}
	b = b[:end]
	if want, got := binary.BigEndian.Uint32(b[end-4:]), crc32MPEG2(b[:end-4]); want != got {
		return nil, fmt.Errorf("CRC_32 0x%08X, computed 0x%08X: %w", want, got, ErrCRC)
	}

	r := bitReader{buf: b[3 : 3+headerLen]}
	version := r.bits(8)
	encrypted := r.flag()
	r.bits(6) // encryption_algorithm
	s := &Section{PTSAdjustment: r.bits(33)}
	r.bits(8) // cw_index
	s.Tier = uint16(r.bits(12))
	cmdLen := int(r.bits(12))
	s.CommandType = uint8(r.bits(8))
	if encrypted {
		return nil, fmt.Errorf("encrypted_packet set: %w", ErrEncrypted)
	}
	if version != 0 {
		return nil, fmt.Errorf("protocol_version %d: %w", version, ErrVersion)
	}

	body := b[3+headerLen : end-4]
	legacy := cmdLen == legacyCommandLength
	cmd := body
	if !legacy {
		if cmdLen > len(body) {
			return nil, fmt.Errorf("splice_command_length %d exceeds the %d bytes left: %w", cmdLen, len(body), ErrLength)
		}
		cmd = body[:cmdLen]
	}
	cr := bitReader{buf: cmd}
	if err := s.readCommand(&cr, legacy); err != nil {
		return nil, err
	}
	if legacy {
		cmdLen = cr.consumed()
	}

	rest := body[cmdLen:]
	if len(rest) < 2 {
		return nil, fmt.Errorf("descriptor_loop_length: %d bytes left: %w", len(rest), ErrShort)
	}
	loopLen := int(binary.BigEndian.Uint16(rest))
	if loopLen > len(rest)-2 {
		return nil, fmt.Errorf("descriptor_loop_length %d exceeds the %d bytes left: %w", loopLen, len(rest)-2, ErrLength)
	}
	segs, err := readDescriptors(rest[2 : 2+loopLen])
	if err != nil {
		return nil, err
	}
	s.Segmentations = segs
	return s, nil
}

// readDescriptors walks the descriptor loop, keeping segmentation
// descriptors and skipping any other by its length.
func readDescriptors(loop []byte) ([]Segmentation, error) {
	var segs []Segmentation
	for off := 0; off < len(loop); {
		if len(loop)-off < 2 {
			return nil, fmt.Errorf("splice_descriptor at offset %d: 1 byte left: %w", off, ErrLength)
		}
		tag, n := loop[off], int(loop[off+1])
		d := loop[off+2:]
		if n > len(d) {
			return nil, fmt.Errorf("splice_descriptor tag 0x%02X at offset %d: descriptor_length %d exceeds the %d bytes left: %w", tag, off, n, len(d), ErrLength)
		}
		d = d[:n]
		off += 2 + n
		if tag != segmentationTag || n < 4 || binary.BigEndian.Uint32(d) != cueIdentifier {
			continue // another descriptor, or a private one under the same tag
		}
		r := bitReader{buf: d[4:]}
		seg := readSegmentation(&r)
		if r.overrun {
			return nil, fmt.Errorf("segmentation_descriptor at offset %d needs more than descriptor_length %d: %w", off-2-n, n, ErrShort)
		}
		segs = append(segs, seg)
	}
	return segs, nil
}

// Encode returns the canonical encoding of s with its CRC_32: not
// encrypted, sap_type 3 (not specified), cw_index 0xFF, an explicit
// splice_command_length, reserved bits set, and only the segmentation
// descriptors in the loop. Decode(Encode(s)) equals s. Values that overflow
// their bit fields, or fields the format has no place for, return an error
// wrapping ErrInvalid or ErrCommand.
func (s *Section) Encode() ([]byte, error) {
	if s.Tier > 0xFFF {
		return nil, fmt.Errorf("tier 0x%X exceeds 12 bits: %w", s.Tier, ErrInvalid)
	}
	if err := checkPTS("pts_adjustment", &s.PTSAdjustment); err != nil {
		return nil, err
	}
	var cmd bitWriter
	if err := s.writeCommand(&cmd); err != nil {
		return nil, err
	}
	if len(cmd.buf) >= legacyCommandLength {
		return nil, fmt.Errorf("%d-byte splice command too long: %w", len(cmd.buf), ErrInvalid)
	}
	var loop bitWriter
	for i := range s.Segmentations {
		if err := s.Segmentations[i].validate(); err != nil {
			return nil, err
		}
		writeSegmentation(&loop, &s.Segmentations[i])
	}
	sectionLen := headerLen + len(cmd.buf) + 2 + len(loop.buf) + 4
	if sectionLen > maxSectionLength {
		return nil, fmt.Errorf("section_length %d exceeds %d: %w", sectionLen, maxSectionLength, ErrInvalid)
	}

	w := bitWriter{buf: make([]byte, 0, 3+sectionLen)}
	w.bits(tableID, 8)
	w.flag(false) // section_syntax_indicator
	w.flag(false) // private_indicator
	w.bits(3, 2)  // sap_type: not specified
	w.bits(uint64(sectionLen), 12)
	w.bits(0, 8)  // protocol_version
	w.flag(false) // encrypted_packet
	w.bits(0, 6)  // encryption_algorithm
	w.bits(s.PTSAdjustment, 33)
	w.bits(0xFF, 8) // cw_index
	w.bits(uint64(s.Tier), 12)
	w.bits(uint64(len(cmd.buf)), 12)
	w.bits(uint64(s.CommandType), 8)
	w.bytes(cmd.buf)
	w.bits(uint64(len(loop.buf)), 16)
	w.bytes(loop.buf)
	return binary.BigEndian.AppendUint32(w.buf, crc32MPEG2(w.buf)), nil
}
