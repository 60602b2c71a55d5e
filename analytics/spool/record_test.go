package spool

import (
	"bytes"
	"errors"
	"sync"
	"testing"
)

func frame(recs ...string) []byte {
	var b []byte
	for _, r := range recs {
		b = appendRecord(b, []byte(r))
	}
	return b
}

func withByte(b []byte, i int, v byte) []byte {
	b = bytes.Clone(b)
	b[i] = v
	return b
}

// recordCases drive decodeRecord, scanTail and the seeds of both fuzzers.
var recordCases = []struct {
	name    string
	data    []byte
	payload string // of the first record
	err     error
	end     int64  // scanTail: where the valid records end
	count   uint64 // scanTail: how many there are
	corrupt bool   // scanTail: damage followed by a valid record
}{
	{"one record", frame("hello"), "hello", nil, 13, 1, false},
	{"empty record", frame(""), "", nil, 8, 1, false},
	{"two records", frame("a", "bc"), "a", nil, 19, 2, false},
	{"nothing", nil, "", errShortRecord, 0, 0, false},
	{"short header", frame("hello")[:5], "", errShortRecord, 0, 0, false},
	{"short payload", frame("hello")[:10], "", errShortRecord, 0, 0, false},
	{"zeroed header", make([]byte, 16), "", errChecksum, 0, 0, false},
	{"length over the maximum", withByte(frame("hello"), 3, 0x7f), "", errBadLength, 0, 0, false},
	{"flipped payload", withByte(frame("hello"), 9, 'E'), "", errChecksum, 0, 0, false},
	{"flipped checksum", withByte(frame("hello"), 4, 0), "", errChecksum, 0, 0, false},
	{"torn second record", frame("a", "bc")[:15], "a", nil, 9, 1, false},
	{"flipped last record", withByte(frame("a", "bc"), 18, 'x'), "a", nil, 9, 1, false},
	{"flipped middle record", withByte(frame("a", "bc", "d"), 17, 'x'), "a", nil, 0, 0, true},
	{"bad length in the middle", withByte(frame("a", "bc", "d"), 12, 0xff), "a", nil, 0, 0, true},
}

func TestDecodeRecord(t *testing.T) {
	for _, c := range recordCases {
		t.Run(c.name, func(t *testing.T) {
			p, size, err := decodeRecord(c.data)
			if !errors.Is(err, c.err) {
				t.Fatalf("err = %v, want %v", err, c.err)
			}
			if err == nil && (string(p) != c.payload || size != headerSize+len(c.payload)) {
				t.Fatalf("got %q (%d bytes framed), want %q", p, size, c.payload)
			}
		})
	}
}

func TestScanTail(t *testing.T) {
	for _, c := range recordCases {
		t.Run(c.name, func(t *testing.T) {
			end, count, err := scanTail(newRecordReader(), bytes.NewReader(c.data), int64(len(c.data)), "seg")
			var ce *CorruptError
			if c.corrupt != errors.As(err, &ce) {
				t.Fatalf("err = %v, want corrupt %v", err, c.corrupt)
			}
			if !c.corrupt && (err != nil || end != c.end || count != c.count) {
				t.Fatalf("scanTail = %d, %d records, %v; want %d, %d records", end, count, err, c.end, c.count)
			}
		})
	}
}

// FuzzDecodeRecord: arbitrary bytes never panic, and what decodes
// re-encodes to the same bytes.
func FuzzDecodeRecord(f *testing.F) {
	for _, c := range recordCases {
		f.Add(c.data)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for len(b) > 0 {
			p, size, err := decodeRecord(b)
			if err != nil {
				return
			}
			if again := appendRecord(nil, p); !bytes.Equal(again, b[:size]) {
				t.Fatalf("re-encoding %q gives %x, want %x", p, again, b[:size])
			}
			b = b[size:]
		}
	})
}

// FuzzScanTail: recovery never panics; when it keeps a prefix, the prefix
// is exactly count valid records.
func FuzzScanTail(f *testing.F) {
	for _, c := range recordCases {
		f.Add(c.data)
	}
	readers := sync.Pool{New: func() any { return newRecordReader() }}
	f.Fuzz(func(t *testing.T, b []byte) {
		rr := readers.Get().(*recordReader)
		defer readers.Put(rr)
		end, count, err := scanTail(rr, bytes.NewReader(b), int64(len(b)), "seg")
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("scanTail over memory = %v, want nil or ErrCorrupt", err)
			}
			return
		}
		if end < 0 || end > int64(len(b)) {
			t.Fatalf("end %d outside 0..%d", end, len(b))
		}
		var n uint64
		for rest := b[:end]; len(rest) > 0; n++ {
			_, size, err := decodeRecord(rest)
			if err != nil {
				t.Fatalf("kept prefix has a bad record: %v", err)
			}
			rest = rest[size:]
		}
		if n != count {
			t.Fatalf("count %d, prefix holds %d records", count, n)
		}
	})
}
