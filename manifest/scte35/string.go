package scte35

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// DecodeString decodes a section written as text in a playlist: hex with a
// "0x" or "0X" prefix (EXT-X-DATERANGE SCTE35-OUT/IN/CMD), or base64 in the
// standard or URL alphabet, padded or not (EXT-OATCLS-SCTE35,
// EXT-X-CUE-OUT-CONT SCTE35=). Hex without a prefix is accepted when it
// starts with the table_id "FC": a base64 section always starts with "/D" or
// "_D", so the two cannot be confused. Surrounding spaces are ignored.
func DecodeString(s string) (*Section, error) {
	b, err := cueBytes(strings.TrimSpace(s))
	if err != nil {
		return nil, err
	}
	return Decode(b)
}

func cueBytes(s string) ([]byte, error) {
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		b, err := hex.DecodeString(s[2:])
		if err != nil {
			return nil, fmt.Errorf("hex cue: %w: %w", err, ErrEncoding)
		}
		return b, nil
	}
	if len(s) >= 2 && strings.EqualFold(s[:2], "fc") && isHex(s) {
		b, err := hex.DecodeString(s)
		if err != nil {
			return nil, fmt.Errorf("hex cue: %w: %w", err, ErrEncoding)
		}
		return b, nil
	}
	enc := base64.RawStdEncoding
	if strings.ContainsAny(s, "-_") {
		enc = base64.RawURLEncoding
	}
	b, err := enc.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return nil, fmt.Errorf("base64 cue: %w: %w", err, ErrEncoding)
	}
	return b, nil
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
