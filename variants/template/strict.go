package template

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strconv"
	"unicode/utf8"
)

// checker decodes the template JSON strictly and collects validation
// errors with their exact paths. encoding/json alone names neither the
// path of an unknown field nor duplicate keys, so objects are walked here.
type checker struct {
	errs []error
}

// maxErrors bounds how many errors one Parse reports.
const maxErrors = 20

func (c *checker) fail(path, msg string) { c.failCause(path, msg, nil) }

func (c *checker) failCause(path, msg string, cause error) {
	if len(c.errs) < maxErrors {
		c.errs = append(c.errs, &FieldError{Path: path, Msg: msg, Err: cause})
	}
}

// err is nil, the one error, or all of them joined (one per line).
func (c *checker) err() error {
	switch len(c.errs) {
	case 0:
		return nil
	case 1:
		return c.errs[0]
	}
	return errors.Join(c.errs...)
}

// member is one key of a JSON object with its raw value.
type member struct {
	key string
	raw json.RawMessage
}

// object returns the members of the object at path, in document order,
// without null members (null means "not set"). Keys outside known and
// duplicate keys are errors; no known keys means any key is allowed. ok
// is false when raw is not an object.
func (c *checker) object(raw json.RawMessage, path string, known ...string) (members []member, ok bool) {
	if kind(raw) != "an object" {
		c.fail(path, "must be an object, not "+kind(raw))
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // '{'
		c.fail(path, "invalid JSON: "+err.Error())
		return nil, false
	}
	seen := make(map[string]bool)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			c.fail(path, "invalid JSON: "+err.Error())
			return nil, false
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			c.fail(join(path, key), "invalid JSON: "+err.Error())
			return nil, false
		}
		switch {
		case seen[key]:
			c.fail(join(path, key), "duplicate field")
		case len(known) > 0 && !slices.Contains(known, key):
			c.fail(join(path, key), "unknown field")
		case kind(v) != "null":
			members = append(members, member{key, v})
		}
		seen[key] = true
	}
	return members, true
}

func (c *checker) str(raw json.RawMessage, path string) (string, bool) {
	var s string
	if kind(raw) != "a string" || json.Unmarshal(raw, &s) != nil {
		c.fail(path, "must be a string, not "+kind(raw))
		return "", false
	}
	return s, true
}

func (c *checker) num(raw json.RawMessage, path string) (float64, bool) {
	var f float64
	if kind(raw) != "a number" {
		c.fail(path, "must be a number, not "+kind(raw))
		return 0, false
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		c.fail(path, "number out of range")
		return 0, false
	}
	return f, true
}

func (c *checker) boolean(raw json.RawMessage, path string) (bool, bool) {
	var b bool
	if kind(raw) != "a boolean" || json.Unmarshal(raw, &b) != nil {
		c.fail(path, "must be true or false, not "+kind(raw))
		return false, false
	}
	return b, true
}

func (c *checker) array(raw json.RawMessage, path string) ([]json.RawMessage, bool) {
	var a []json.RawMessage
	if kind(raw) != "an array" || json.Unmarshal(raw, &a) != nil {
		c.fail(path, "must be an array, not "+kind(raw))
		return nil, false
	}
	return a, true
}

// document checks that raw is one valid UTF-8 JSON object and nothing
// else. Invalid UTF-8 is refused rather than silently replaced, so every
// string reaches the render byte-exact.
func (c *checker) document(raw []byte, path string) bool {
	if !utf8.Valid(raw) {
		c.fail(path, "invalid UTF-8")
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	var v json.RawMessage
	if err := dec.Decode(&v); err != nil {
		c.fail(path, "invalid JSON: "+syntaxMessage(err))
		return false
	}
	if _, err := dec.Token(); err != io.EOF {
		c.fail(path, "unexpected data after the JSON object")
		return false
	}
	return true
}

func syntaxMessage(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Error() + " at byte " + strconv.FormatInt(se.Offset, 10)
	}
	if err == io.EOF {
		return "empty document"
	}
	return err.Error()
}

// kind names the JSON type of raw for messages, with its article.
func kind(raw json.RawMessage) string {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// join appends a member key to a path: ".name" for identifier-like keys,
// `["odd key"]` otherwise.
func join(path, key string) string {
	if isName(key) {
		return path + "." + key
	}
	return path + "[" + strconv.Quote(key) + "]"
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// isName reports whether s is a variable name: [a-z_][a-z0-9_]*.
func isName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' || 'a' <= c && c <= 'z':
		case '0' <= c && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}
