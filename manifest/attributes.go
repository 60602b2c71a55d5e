package manifest

import (
	"errors"
	"strconv"
	"strings"
)

// Attr is one NAME=VALUE pair of an attribute list (RFC 8216 §4.2). Value
// keeps its quotes so a list can be written back unchanged.
type Attr struct {
	Name  string
	Value string
}

// Attrs is a parsed attribute list in its original order.
type Attrs []Attr

var errAttrList = errors.New("malformed attribute list")

// parseAttrs parses an attribute list without regular expressions:
// names up to '=', then a quoted string (commas allowed inside) or a bare
// token up to the next comma.
func parseAttrs(s string) (Attrs, error) {
	var out Attrs
	for len(s) > 0 {
		eq := strings.IndexByte(s, '=')
		if eq <= 0 {
			return nil, errAttrList
		}
		name := strings.TrimSpace(s[:eq])
		s = s[eq+1:]
		var value string
		if strings.HasPrefix(s, `"`) {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return nil, errAttrList
			}
			value = s[:end+2]
			s = s[end+2:]
		} else {
			end := strings.IndexByte(s, ',')
			if end < 0 {
				end = len(s)
			}
			value = strings.TrimSpace(s[:end])
			s = s[end:]
		}
		if name == "" {
			return nil, errAttrList
		}
		out = append(out, Attr{Name: name, Value: value})
		if len(s) > 0 {
			if s[0] != ',' {
				return nil, errAttrList
			}
			s = strings.TrimLeft(s[1:], " ")
		}
	}
	return out, nil
}

// Get returns the raw value of name (quotes kept) and whether it exists.
func (a Attrs) Get(name string) (string, bool) {
	for _, at := range a {
		if at.Name == name {
			return at.Value, true
		}
	}
	return "", false
}

// String returns the value of name with surrounding quotes removed.
func (a Attrs) String(name string) string {
	v, _ := a.Get(name)
	return unquote(v)
}

// Float returns the decimal value of name.
func (a Attrs) Float(name string) (float64, bool) {
	v, ok := a.Get(name)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(unquote(v), 64)
	if err != nil {
		return 0, false
	}
	return f, true
}

// Set replaces the value of name (quoted when quote is true), or appends it.
func (a Attrs) Set(name, value string, quote bool) Attrs {
	if quote {
		value = `"` + value + `"`
	}
	for i := range a {
		if a[i].Name == name {
			a[i].Value = value
			return a
		}
	}
	return append(a, Attr{Name: name, Value: value})
}

// Encode writes the list back as NAME=VALUE,NAME=VALUE.
func (a Attrs) Encode() string {
	var b strings.Builder
	for i, at := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(at.Name)
		b.WriteByte('=')
		b.WriteString(at.Value)
	}
	return b.String()
}

func unquote(v string) string {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		return v[1 : len(v)-1]
	}
	return v
}
