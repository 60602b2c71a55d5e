package demo

import (
	"errors"
	"testing"
)

// avc1Cases drive TestAVC1FromAnnexB and seed FuzzAVC1FromAnnexB; want ""
// means ErrNoSPS.
var avc1Cases = []struct {
	name string
	in   []byte
	want string
}{
	// What ffmpeg's x264 at High 3.1 writes: AUD, then the SPS.
	{"x264 high 3.1", []byte{0, 0, 0, 1, 0x09, 0xf0, 0, 0, 0, 1, 0x67, 0x64, 0x00, 0x1f, 0xac, 0xd9, 0x40}, "avc1.64001f"},
	{"three-byte start code", []byte{0, 0, 1, 0x67, 0x42, 0xe0, 0x1e, 0xda}, "avc1.42e01e"},
	{"main 4.0 after a PPS", []byte{0, 0, 1, 0x68, 0xee, 0x3c, 0x80, 0, 0, 1, 0x27, 0x4d, 0x40, 0x28}, "avc1.4d4028"},
	{"SPS at the very end", []byte{0, 0, 1, 0x67, 0x64, 0x00, 0x28}, "avc1.640028"},
	{"truncated SPS", []byte{0, 0, 1, 0x67, 0x64, 0x00}, ""},
	{"zero profile", []byte{0, 0, 1, 0x67, 0x00, 0x00, 0x1f}, ""},
	{"no SPS", []byte{0, 0, 0, 1, 0x09, 0xf0, 0, 0, 1, 0x65, 0x88}, ""},
	{"no start code", []byte{0x67, 0x64, 0x00, 0x1f}, ""},
	{"empty", nil, ""},
}

func TestAVC1FromAnnexB(t *testing.T) {
	for _, tc := range avc1Cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := AVC1FromAnnexB(tc.in)
			if tc.want == "" {
				if !errors.Is(err, ErrNoSPS) {
					t.Errorf("got %q, %v; want ErrNoSPS", got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func FuzzAVC1FromAnnexB(f *testing.F) {
	for _, tc := range avc1Cases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := AVC1FromAnnexB(b)
		if err != nil {
			if !errors.Is(err, ErrNoSPS) {
				t.Fatalf("error %v does not wrap ErrNoSPS", err)
			}
			return
		}
		if len(got) != len("avc1.PPCCLL") || got[:5] != "avc1." {
			t.Fatalf("codec string %q", got)
		}
	})
}
