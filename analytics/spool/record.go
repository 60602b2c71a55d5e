package spool

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
)

// MaxRecordBytes is the longest record payload the spool accepts.
const MaxRecordBytes = 1 << 20

// headerSize is the framing in front of every payload: length, then CRC.
const headerSize = 8

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Ways a record can be bad. Only recovery and CorruptError reasons use them.
var (
	errShortRecord = errors.New("record runs past the end of the data")
	errBadLength   = errors.New("record length over the maximum")
	errChecksum    = errors.New("record checksum mismatch")
)

// appendRecord frames rec onto dst. The header is built in place: a
// local array would escape through the CRC call and allocate.
func appendRecord(dst, rec []byte) []byte {
	h := len(dst)
	dst = append(dst, 0, 0, 0, 0, 0, 0, 0, 0)
	dst = append(dst, rec...)
	binary.LittleEndian.PutUint32(dst[h:], uint32(len(rec)))
	binary.LittleEndian.PutUint32(dst[h+4:], recordSum(dst[h:h+4], rec))
	return dst
}

// recordSum covers the length bytes too, so a zeroed or garbled header
// never passes for an empty record.
func recordSum(length, payload []byte) uint32 {
	return crc32.Update(crc32.Update(0, castagnoli, length), castagnoli, payload)
}

// decodeRecord reads the record at the start of b: its payload (aliasing
// b) and its framed size.
func decodeRecord(b []byte) (payload []byte, size int, err error) {
	if len(b) < headerSize {
		return nil, 0, errShortRecord
	}
	n := binary.LittleEndian.Uint32(b[0:4])
	if n > MaxRecordBytes {
		return nil, 0, errBadLength
	}
	size = headerSize + int(n)
	if len(b) < size {
		return nil, 0, errShortRecord
	}
	payload = b[headerSize:size]
	if recordSum(b[0:4], payload) != binary.LittleEndian.Uint32(b[4:8]) {
		return nil, 0, errChecksum
	}
	return payload, size, nil
}

// framedSize is what a payload of n bytes occupies on disk.
func framedSize(n int) int64 { return int64(headerSize + n) }
