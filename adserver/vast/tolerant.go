package vast

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// escapeBareAmpersands rewrites '&' that starts no entity or character
// reference as "&amp;", outside CDATA sections, comments and processing
// instructions. Ad servers often paste query strings into VAST without
// CDATA; a strict XML parser rejects those, players do not. data is
// returned unchanged (not copied) when there is nothing to fix.
func escapeBareAmpersands(data []byte) []byte {
	var out []byte // nil until the first fix
	last := 0      // data[:last] is already in out
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '<':
			if end := skipOpaque(data, i); end > i {
				i = end - 1
			}
		case '&':
			if isReference(data[i+1:]) {
				continue
			}
			out = append(out, data[last:i]...)
			out = append(out, "&amp;"...)
			last = i + 1
		}
	}
	if out == nil {
		return data
	}
	return append(out, data[last:]...)
}

var opaque = [...]struct{ open, close string }{
	{"<![CDATA[", "]]>"},
	{"<!--", "-->"},
	{"<?", "?>"},
}

// skipOpaque returns the index just past the CDATA section, comment or
// processing instruction starting at data[i], or i when none starts there
// (an unterminated one runs to the end).
func skipOpaque(data []byte, i int) int {
	for _, o := range opaque {
		if !bytes.HasPrefix(data[i:], []byte(o.open)) {
			continue
		}
		end := bytes.Index(data[i+len(o.open):], []byte(o.close))
		if end < 0 {
			return len(data)
		}
		return i + len(o.open) + end + len(o.close)
	}
	return i
}

// isReference reports whether b (what follows '&') starts "name;",
// "#digits;" or "#xhex;".
func isReference(b []byte) bool {
	semi := bytes.IndexByte(b, ';')
	if semi <= 0 || semi > 32 {
		return false
	}
	ref := b[:semi]
	if ref[0] == '#' {
		ref = ref[1:]
		hex := len(ref) > 0 && (ref[0] == 'x' || ref[0] == 'X')
		if hex {
			ref = ref[1:]
		}
		if len(ref) == 0 {
			return false
		}
		for _, c := range ref {
			ok := c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')
			if !ok {
				return false
			}
		}
		return true
	}
	for j, c := range ref {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || j > 0 && c >= '0' && c <= '9'
		if !ok {
			return false
		}
	}
	return true
}

// windows1252 maps bytes 0x80-0x9F, where windows-1252 differs from
// ISO-8859-1; 0 marks the five undefined bytes (kept as U+FFFD).
var windows1252 = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

// charsetReader converts the single-byte encodings VAST documents declare
// besides UTF-8 (ISO-8859-1, windows-1252, US-ASCII) to UTF-8.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	var cp1252 bool
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii":
	case "windows-1252", "cp1252":
		cp1252 = true
	default:
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	raw, err := io.ReadAll(input)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(raw)+len(raw)/4)
	for _, c := range raw {
		r := rune(c)
		if cp1252 && c >= 0x80 && c <= 0x9F {
			if r = windows1252[c-0x80]; r == 0 {
				r = utf8.RuneError
			}
		}
		out = utf8.AppendRune(out, r)
	}
	return bytes.NewReader(out), nil
}
