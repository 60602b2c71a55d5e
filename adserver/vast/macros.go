package vast

import "strings"

// Macros are the values substituted into an ad tag URL template and into
// the VASTAdTagURI of wrappers, by name: SESSION, VIEWER, CITY, COUNTRY,
// DURATION, CACHEBUSTING, DEVICE, STREAM … Names are case-sensitive (VAST
// macros are upper case). DEVICEIP and DEVICEUA, when present, are also
// sent as the X-Device-IP and X-Device-User-Agent headers that VAST 4
// asks server-side callers to forward.
type Macros map[string]string

// Expand replaces [NAME] and ${NAME} in template with the URL-escaped
// value of m[NAME]. Macros m does not name are left as they are (players
// or the next ad server may know them); so is anything that is not a
// macro, such as an IPv6 host "[::1]".
func Expand(template string, m Macros) string {
	if len(m) == 0 || strings.IndexAny(template, "[$") < 0 {
		return template
	}
	var b strings.Builder
	b.Grow(len(template) + 32)
	for i := 0; i < len(template); {
		name, width := macroAt(template[i:])
		if width > 0 {
			if v, ok := m[name]; ok {
				appendEscaped(&b, v)
				i += width
				continue
			}
		}
		b.WriteByte(template[i])
		i++
	}
	return b.String()
}

// macroAt recognizes "[NAME]" or "${NAME}" at the start of s and returns
// the name and the length of the whole macro, or width 0.
func macroAt(s string) (name string, width int) {
	var open int
	var closer byte
	switch {
	case strings.HasPrefix(s, "["):
		open, closer = 1, ']'
	case strings.HasPrefix(s, "${"):
		open, closer = 2, '}'
	default:
		return "", 0
	}
	end := strings.IndexByte(s[open:], closer)
	if end <= 0 {
		return "", 0
	}
	name = s[open : open+end]
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return "", 0
		}
	}
	return name, open + end + 1
}

// appendEscaped percent-encodes everything but RFC 3986 unreserved
// characters, so a value is safe in a path segment and a query alike.
func appendEscaped(b *strings.Builder, v string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0xF])
	}
}
