package scte35

// crcTable drives CRC_32 as MPEG-2 defines it (ISO/IEC 13818-1 Annex A):
// polynomial 0x04C11DB7, initial value 0xFFFFFFFF, no bit reflection and no
// final XOR. hash/crc32 only implements the reflected variant.
var crcTable = makeCRCTable()

func makeCRCTable() *[256]uint32 {
	var t [256]uint32
	for i := range t {
		c := uint32(i) << 24
		for range 8 {
			if c&0x80000000 != 0 {
				c = c<<1 ^ 0x04C11DB7
			} else {
				c <<= 1
			}
		}
		t[i] = c
	}
	return &t
}

// crc32MPEG2 returns the MPEG-2 CRC_32 of p. Over a whole section, CRC_32
// field included, it is 0.
func crc32MPEG2(p []byte) uint32 {
	crc := uint32(0xFFFFFFFF)
	for _, b := range p {
		crc = crc<<8 ^ crcTable[byte(crc>>24)^b]
	}
	return crc
}
