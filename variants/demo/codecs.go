package demo

import (
	"errors"
	"fmt"
)

// ErrNoSPS means an H.264 byte stream holds no complete sequence parameter
// set.
var ErrNoSPS = errors.New("no H.264 SPS found")

// AVC1FromAnnexB returns the RFC 6381 codec string "avc1.PPCCLL" of the
// first sequence parameter set in an H.264 Annex B byte stream:
// profile_idc, the constraint flags byte and level_idc, in hex, as the SPS
// carries them.
func AVC1FromAnnexB(b []byte) (string, error) {
	for i := 0; i+3 <= len(b); {
		// A start code is 00 00 01 (a four-byte 00 00 00 01 ends the same way).
		if b[i] != 0 || b[i+1] != 0 || b[i+2] != 1 {
			i++
			continue
		}
		nal := b[i+3:]
		if len(nal) > 0 && nal[0]&0x1F == 7 {
			if len(nal) < 4 {
				return "", fmt.Errorf("%w: SPS truncated after %d bytes", ErrNoSPS, len(nal))
			}
			// The first three payload bytes follow the one-byte NAL header;
			// emulation prevention cannot occur there because profile_idc is
			// never 0.
			if nal[1] == 0 {
				return "", fmt.Errorf("%w: profile_idc 0", ErrNoSPS)
			}
			return fmt.Sprintf("avc1.%02x%02x%02x", nal[1], nal[2], nal[3]), nil
		}
		i += 3
	}
	return "", ErrNoSPS
}
