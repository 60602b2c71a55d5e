package vast

import (
	"errors"
	"net/url"
	"strings"
	"unicode/utf8"
)

var (
	errEmptyURL   = errors.New("empty URL")
	errURLChar    = errors.New("space or control character in URL")
	errURLFrag    = errors.New("more than one '#' in URL")
	errNotUTF8    = errors.New("not valid UTF-8")
	errNotXMLChar = errors.New("character not allowed in XML")
)

// checkURL accepts what a player can request and the schema's xs:anyURI
// allows: valid UTF-8, no white space or control characters, well-formed
// percent escapes (url.Parse checks those), at most one fragment.
// Square-bracket macros pass: see Ad.
func checkURL(s string) error {
	switch {
	case s == "":
		return errEmptyURL
	case !utf8.ValidString(s):
		return errNotUTF8
	case strings.IndexFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0:
		return errURLChar
	case strings.Count(s, "#") > 1:
		return errURLFrag
	}
	if _, err := url.Parse(s); err != nil {
		return err
	}
	return nil
}

// checkText accepts strings XML can carry unchanged: valid UTF-8 made of
// XML 1.0 characters. (encoding/xml would silently turn the rest into
// U+FFFD.)
func checkText(s string) error {
	if !utf8.ValidString(s) {
		return errNotUTF8
	}
	for _, r := range s {
		if !isXMLChar(r) {
			return errNotXMLChar
		}
	}
	return nil
}

// isXMLChar is the Char production of XML 1.0.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
