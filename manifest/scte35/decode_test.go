package scte35

import (
	"bytes"
	"encoding/binary"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func mustCueBytes(t testing.TB, text string) []byte {
	t.Helper()
	b, err := cueBytes(text)
	if err != nil {
		t.Fatalf("cue text %q: %v", text, err)
	}
	return b
}

func TestDecode(t *testing.T) {
	for _, c := range casesCues {
		t.Run(c.name, func(t *testing.T) {
			s, err := Decode(mustCueBytes(t, c.text))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if !reflect.DeepEqual(*s, c.want) {
				t.Errorf("Decode =\n%s\nwant\n%s", dump(s), dump(&c.want))
			}
		})
	}
}

func TestDecodeString(t *testing.T) {
	for _, c := range casesCues {
		t.Run(c.name, func(t *testing.T) {
			b := mustCueBytes(t, c.text)
			h := hexString(b)
			std := base64Std(b)
			variants := []string{
				c.text,
				"0x" + h,
				"0X" + strings.ToUpper(h),
				h, // bare hex starting with "fc"
				std,
				strings.TrimRight(std, "="),
				base64URL(b),
				strings.TrimRight(base64URL(b), "="),
				"  " + c.text + "\t",
			}
			for _, v := range variants {
				s, err := DecodeString(v)
				if err != nil {
					t.Fatalf("DecodeString(%q): %v", v, err)
				}
				if !reflect.DeepEqual(*s, c.want) {
					t.Errorf("DecodeString(%q) =\n%s\nwant\n%s", v, dump(s), dump(&c.want))
				}
			}
		})
	}
}

// withCRC returns a copy of b with the CRC_32 recomputed over the section
// its section_length describes, so a test or the fuzzer can reach the
// checks behind the CRC. b is returned unchanged when too short.
func withCRC(b []byte) []byte {
	if len(b) < 3 {
		return b
	}
	end := 3 + (int(b[1]&0x0F)<<8 | int(b[2]))
	if end < 7 || end > len(b) {
		return b
	}
	out := bytes.Clone(b)
	binary.BigEndian.PutUint32(out[end-4:], crc32MPEG2(out[:end-4]))
	return out
}

// mutate returns the 14.3 sample with f applied and the CRC_32 fixed.
func mutate(f func(b []byte) []byte) []byte {
	b := unhex("fc302f000000000000fffff00506fe746290a000190217435545494800008e7f9f0808000000002ca0a18a350200a9cc6758")
	return withCRC(f(b))
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrShort},
		{"two bytes", []byte{0xFC, 0x30}, ErrShort},
		{"table id", mutate(func(b []byte) []byte { b[0] = 0xFD; return b }), ErrTableID},
		{"bad CRC from a real cue", mustCueBytes(t, "/DA4AAAAAAAAAP/wFAUABDEAf+//mWEhzP4Azf5gAQAAAAATAhFDVUVJAAAAAX+/AQIwNAEAAKeYO3Q="), ErrCRC},
		{"flipped payload bit", func() []byte {
			b := mustCueBytes(t, casesCues[0].text)
			b[20] ^= 0x01
			return b
		}(), ErrCRC},
		{"section_length longer than data", mutate(func(b []byte) []byte { b[2]++; return b }), ErrShort},
		{"section_length shorter than data", mutate(func(b []byte) []byte { b[2] -= 2; return b }), ErrLength},
		{"section_length below minimum", mutate(func(b []byte) []byte { b[2] = 16; return b[:19] }), ErrLength},
		{"trailing garbage", append(mutate(func(b []byte) []byte { return b }), 0x00), ErrLength},
		{"encrypted_packet", mutate(func(b []byte) []byte { b[4] |= 0x80; return b }), ErrEncrypted},
		{"protocol_version 1", mutate(func(b []byte) []byte { b[3] = 1; return b }), ErrVersion},
		{"splice_command_length past the end", mutate(func(b []byte) []byte { b[11], b[12] = 0xF0, 0xFF; return b }), ErrLength},
		{"splice_command_length too small", mutate(func(b []byte) []byte { b[12] = 3; return b }), ErrShort},
		{"reserved command type", mutate(func(b []byte) []byte { b[13] = 0x01; return b }), ErrCommand},
		{"descriptor_loop_length past the end", mutate(func(b []byte) []byte { b[20] = 0x40; return b }), ErrLength},
		{"descriptor_length past the loop", mutate(func(b []byte) []byte { b[22] = 0x30; return b }), ErrLength},
		{"upid overruns descriptor", mutate(func(b []byte) []byte { b[34] = 0x10; return b }), ErrShort},
		{"descriptor loop with a lone byte", mutate(func(b []byte) []byte {
			// Append one byte to the loop: too short for a descriptor header.
			b = append(b[:len(b)-4:len(b)-4], 0x02, 0, 0, 0, 0)
			b[2]++
			b[20]++
			return b
		}), ErrLength},
		{"legacy private_command", mutate(func(b []byte) []byte { b[11], b[12], b[13] = 0xFF, 0xFF, 0xFF; return b }), ErrLength},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Decode(c.in)
			if !errors.Is(err, c.want) {
				t.Fatalf("Decode(%x) error = %v, want %v", c.in, err, c.want)
			}
			t.Logf("error: %v", err)
			if s != nil {
				t.Errorf("Decode returned a section with error %v", err)
			}
		})
	}
}

func TestDecodeStringErrors(t *testing.T) {
	cases := []struct {
		in   string
		want error
	}{
		{"", ErrShort},
		{"0x", ErrShort},
		{"0xFC3", ErrEncoding},
		{"0xZZ", ErrEncoding},
		{"0x FC30", ErrEncoding},
		{"/DBaf%^", ErrEncoding},
		{"/DA0AAAA+…AAg+2UBNAAANvrtoQ==", ErrEncoding},
		{"/DARAA=AAAAAAP/wAAAAAHpPv/8", ErrEncoding},
		{"A", ErrEncoding},
		{"aGVsbG8gd29ybGQ=", ErrTableID},
		{"/DARAAAAAAAAAP/wAAAAAHpPv/", ErrShort},
	}
	for _, c := range cases {
		s, err := DecodeString(c.in)
		if !errors.Is(err, c.want) {
			t.Errorf("DecodeString(%q) error = %v, want %v", c.in, err, c.want)
		}
		if s != nil {
			t.Errorf("DecodeString(%q) returned a section with error %v", c.in, err)
		}
	}
}

// TestDecodeTruncated cuts every table cue at every length: each prefix must
// fail cleanly, never panic or decode.
func TestDecodeTruncated(t *testing.T) {
	for _, c := range casesCues {
		b := mustCueBytes(t, c.text)
		for n := range len(b) {
			if _, err := Decode(b[:n]); !errors.Is(err, ErrShort) {
				t.Errorf("%s cut at %d/%d: error %v, want ErrShort", c.name, n, len(b), err)
			}
		}
	}
}

func TestDecodeStuffing(t *testing.T) {
	b := append(mustCueBytes(t, casesCues[3].text), 0xFF, 0xFF, 0xFF)
	s, err := Decode(b)
	if err != nil {
		t.Fatalf("Decode with 0xFF stuffing: %v", err)
	}
	if !reflect.DeepEqual(*s, casesCues[3].want) {
		t.Errorf("Decode with stuffing =\n%s\nwant\n%s", dump(s), dump(&casesCues[3].want))
	}
}

// TestDecodeDoesNotAlias checks that a decoded section survives the reuse
// of the caller's buffer.
func TestDecodeDoesNotAlias(t *testing.T) {
	c := casesCues[1]
	b := mustCueBytes(t, c.text)
	s, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	clear(b)
	if !reflect.DeepEqual(*s, c.want) {
		t.Errorf("section changed with its input buffer:\n%s", dump(s))
	}
}
