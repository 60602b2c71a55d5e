package decision

import (
	"unicode"
	"unicode/utf8"
)

// appendFold appends strings.ToLower(s) to dst without allocating. This is
// the mapping targeting applies to rule values (and so to IndexKeys) and
// to context values in Match, so index keys and lookups agree with Match
// exactly. Invalid UTF-8 becomes U+FFFD, as with strings.ToLower.
func appendFold(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}
