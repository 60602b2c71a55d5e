package render

import "strings"

// filterArg escapes a value for an option of a filter inside a
// -filter_complex graph. ffmpeg unescapes twice: the graph parser first
// (where \ ' [ ] , ; are special), then the filter's option parser (where
// \ ' : are), so a path or colour is escaped for the option level and the
// result again for the graph level. Whitespace is escaped too: both
// parsers trim it at the ends of a value.
func filterArg(s string) string {
	return escapeChars(escapeChars(s, "\\':"+space), "\\'[],;"+space)
}

const space = " \t\n\r"

func escapeChars(s, special string) string {
	if !strings.ContainsAny(s, special) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(special, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
