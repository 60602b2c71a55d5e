package template

import (
	"strconv"
	"strings"
)

// pattern is a text with {variables}: literal runs and variable
// references in order. "{{" and "}}" stand for literal braces.
type pattern []segment

// segment is either a literal (name == "") or a variable reference.
type segment struct {
	lit  string
	name string
}

// parsePattern splits s into literals and variable references. The error
// message has no path: the caller adds it.
func parsePattern(s string) (pattern, string) {
	var p pattern
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			p = append(p, segment{lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '{' && i+1 < len(s) && s[i+1] == '{':
			lit.WriteByte('{')
			i++
		case c == '}' && i+1 < len(s) && s[i+1] == '}':
			lit.WriteByte('}')
			i++
		case c == '}':
			return nil, `unmatched "}" at byte ` + strconv.Itoa(i) + ` (write "}}" for a literal brace)`
		case c == '{':
			end := strings.IndexByte(s[i+1:], '}')
			if end < 0 {
				return nil, `unclosed "{" at byte ` + strconv.Itoa(i) + ` (write "{{" for a literal brace)`
			}
			name := s[i+1 : i+1+end]
			if !isName(name) {
				return nil, "invalid variable {" + name + "}: names are lower case letters, digits and _"
			}
			flush()
			p = append(p, segment{name: name})
			i += end + 1
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	return p, ""
}

// names appends the variables p references.
func (p pattern) names(dst []string) []string {
	for _, s := range p {
		if s.name != "" {
			dst = append(dst, s.name)
		}
	}
	return dst
}

// literal is the text with every variable empty: the least p can expand to.
func (p pattern) literal() string {
	var b strings.Builder
	for _, s := range p {
		b.WriteString(s.lit)
	}
	return b.String()
}

// expand substitutes values; missing names a variable v has no value for.
func (p pattern) expand(v Values) (text, missing string) {
	var b strings.Builder
	for _, s := range p {
		if s.name == "" {
			b.WriteString(s.lit)
			continue
		}
		val, ok := v.Get(s.name)
		if !ok {
			return "", s.name
		}
		b.WriteString(val)
	}
	return b.String(), ""
}
