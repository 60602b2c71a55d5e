package scte35

import (
	"reflect"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to Decode, as they are and with the
// CRC_32 fixed up so the fuzzer reaches the parsing behind the CRC check.
// Decode must never panic, and whatever it accepts must re-encode and
// re-decode to the same Section. The cue-string path gets the same bytes as
// text.
func FuzzDecode(f *testing.F) {
	for _, c := range casesCues {
		b, err := cueBytes(c.text)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, c := range casesBuilt {
		b, err := c.s.Encode()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkDecode(t, b)
		checkDecode(t, withCRC(b))
		if s, err := DecodeString(string(b)); err == nil {
			_ = s.Cue()
		}
	})
}

func checkDecode(t *testing.T, b []byte) {
	s, err := Decode(b)
	if err != nil {
		if s != nil {
			t.Fatalf("Decode(%x) returned a section with error %v", b, err)
		}
		return
	}
	_ = s.Cue()
	out, err := s.Encode()
	if err != nil {
		t.Fatalf("Decode(%x) gave a section Encode rejects: %v\n%s", b, err, dump(s))
	}
	back, err := Decode(out)
	if err != nil {
		t.Fatalf("Decode(Encode(s)) of %x: %v", out, err)
	}
	if !reflect.DeepEqual(back, s) {
		t.Fatalf("Decode(Encode(s)) differs for input %x:\n%s\nwant\n%s", b, dump(back), dump(s))
	}
}
