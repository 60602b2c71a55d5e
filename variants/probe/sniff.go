package probe

import (
	"bytes"
	"io"
	"os"
)

// looksLikeMedia says whether the first bytes of a file are the signature
// of a media container. ffprobe fails the same way ("Invalid data found")
// on a text file and on an MP4 whose index was cut off; this tells the
// marketer's wrong file (ErrNotMedia) from a broken upload (ErrCorrupt).
func looksLikeMedia(head []byte) bool {
	if len(head) >= 8 {
		switch string(head[4:8]) {
		case "ftyp", "moov", "mdat", "free", "skip", "wide", "styp", "moof":
			return true // ISO BMFF: MP4, MOV, M4A, fMP4
		}
	}
	switch {
	case len(head) >= 189 && head[0] == 0x47 && head[188] == 0x47:
		return true // MPEG-TS sync bytes
	case bytes.HasPrefix(head, []byte{0x1A, 0x45, 0xDF, 0xA3}):
		return true // Matroska, WebM
	case bytes.HasPrefix(head, []byte{0x00, 0x00, 0x01, 0xBA}):
		return true // MPEG-PS
	case len(head) >= 12 && string(head[:4]) == "RIFF" && (string(head[8:12]) == "AVI " || string(head[8:12]) == "WAVE"):
		return true
	case bytes.HasPrefix(head, []byte("FLV\x01")), bytes.HasPrefix(head, []byte("OggS")),
		bytes.HasPrefix(head, []byte("ID3")), bytes.HasPrefix(head, []byte("fLaC")),
		bytes.HasPrefix(head, []byte{0x30, 0x26, 0xB2, 0x75}): // ASF/WMV
		return true
	}
	return false
}

// readHead returns up to the first 512 bytes of a file.
func readHead(path string) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	return head[:n]
}
