package targeting

import (
	"unicode"
	"unicode/utf8"
)

// Rule values are lower-cased once with strings.ToLower, which maps each
// rune with unicode.ToLower (invalid UTF-8 becoming U+FFFD). The functions
// here apply the same mapping to context values on the fly so that a
// comparison never allocates and always agrees with strings.ToLower.

// equalLower reports whether strings.ToLower(v) == lower without
// allocating. lower must already be lower-cased.
func equalLower(v, lower string) bool {
	i, j := 0, 0
	for i < len(v) && j < len(lower) {
		a, b := v[i], lower[j]
		if a < utf8.RuneSelf {
			if asciiLower(a) != b {
				return false
			}
			i++
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(v[i:])
		w, m := utf8.DecodeRuneInString(lower[j:])
		if unicode.ToLower(r) != w {
			return false
		}
		i += n
		j += m
	}
	return i == len(v) && j == len(lower)
}

// lowerInto writes strings.ToLower(v) into buf and returns the written
// part; false when it does not fit (the caller falls back to equalLower).
func lowerInto(buf []byte, v string) ([]byte, bool) {
	n := 0
	for i := 0; i < len(v); {
		a := v[i]
		if a < utf8.RuneSelf {
			if n == len(buf) {
				return nil, false
			}
			buf[n] = asciiLower(a)
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(v[i:])
		i += size
		if n+utf8.UTFMax > len(buf) {
			return nil, false
		}
		n += utf8.EncodeRune(buf[n:], unicode.ToLower(r))
	}
	return buf[:n], true
}

func asciiLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
