package template

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// pattern validates a text with variables: length, characters, syntax and
// variable names.
func (c *checker) pattern(s, path string, max int, known func(string) bool) pattern {
	if n := utf8.RuneCountInString(s); n > max {
		c.fail(path, "must be at most "+strconv.Itoa(max)+" characters (has "+strconv.Itoa(n)+")")
		return nil
	}
	if msg := controlChar(s); msg != "" {
		c.fail(path, msg)
		return nil
	}
	p, msg := parsePattern(s)
	if msg != "" {
		c.fail(path, msg)
		return nil
	}
	for _, name := range p.names(nil) {
		if !known(name) {
			c.fail(path, "unknown variable {"+name+"}")
			return nil
		}
	}
	return p
}

// controlChar names the first control character in s, or is "".
func controlChar(s string) string {
	for _, r := range s {
		if isControl(r) {
			return "control character U+" + strings.ToUpper(strconv.FormatInt(int64(0x10000+r), 16)[1:]) + " is not allowed"
		}
	}
	return ""
}

// stringMap decodes an object of string values (vars, defaults): each
// key checked by checkName, each value a short single line.
func (c *checker) stringMap(raw json.RawMessage, path string, max int, checkName func(path, name string)) map[string]string {
	if raw == nil {
		return nil
	}
	members, ok := c.object(raw, path)
	if !ok {
		return nil
	}
	if len(members) > max {
		c.fail(path, "at most "+strconv.Itoa(max)+" entries")
		return nil
	}
	m := make(map[string]string, len(members))
	for _, e := range members {
		p := join(path, e.key)
		checkName(p, e.key)
		if v, ok := c.str(e.raw, p); ok && c.short(v, p) {
			m[e.key] = v
		}
	}
	return m
}

// short checks a value of a variable, a default or an interest.
func (c *checker) short(s, path string) bool {
	if n := utf8.RuneCountInString(s); n > MaxValueChars {
		c.fail(path, "must be at most "+strconv.Itoa(MaxValueChars)+" characters (has "+strconv.Itoa(n)+")")
		return false
	}
	if msg := controlChar(s); msg != "" {
		c.fail(path, msg)
		return false
	}
	return true
}

func (c *checker) interests(raw json.RawMessage, path string) []string {
	if raw == nil {
		return nil
	}
	items, ok := c.array(raw, path)
	if !ok {
		return nil
	}
	if len(items) > MaxInterests {
		c.fail(path, "at most "+strconv.Itoa(MaxInterests)+" interests")
		return nil
	}
	var out []string
	for i, item := range items {
		p := index(path, i)
		s, ok := c.str(item, p)
		switch {
		case !ok:
		case s == "":
			c.fail(p, "must not be empty")
		case c.short(s, p):
			out = append(out, strings.ToLower(s)) // viewer interests are lower case
		}
	}
	return out
}
