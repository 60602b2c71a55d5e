package spool

import (
	"testing"
)

var cursorCases = []struct {
	name string
	data []byte
	ok   bool
}{
	{"start", encodeCursor(position{}), true},
	{"middle", encodeCursor(position{seg: 1000, off: 4096, seq: 1100}), true},
	{"short", encodeCursor(position{seg: 7})[:20], false},
	{"bad magic", withByte(encodeCursor(position{}), 0, 'X'), false},
	{"bad checksum", withByte(encodeCursor(position{seq: 3}), 30, 0xff), false},
	{"sequence before its segment", encodeCursor(position{seg: 10, seq: 9}), false},
	{"negative offset", encodeCursor(position{off: -1}), false},
}

func TestDecodeCursor(t *testing.T) {
	for _, c := range cursorCases {
		t.Run(c.name, func(t *testing.T) {
			p, err := decodeCursor(c.data)
			if (err == nil) != c.ok {
				t.Fatalf("decodeCursor = %+v, %v; want ok %v", p, err, c.ok)
			}
			if err == nil && string(encodeCursor(p)) != string(c.data) {
				t.Fatalf("round trip changed the cursor")
			}
		})
	}
}

func FuzzDecodeCursor(f *testing.F) {
	for _, c := range cursorCases {
		f.Add(c.data)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := decodeCursor(b)
		if err == nil && string(encodeCursor(p)) != string(b) {
			t.Fatalf("%x decodes to %+v, which encodes differently", b, p)
		}
	})
}
