package template

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"sort"

	"github.com/adstitch/adstitch/adserver/campaign"
)

// Value is one variable's value for a viewer.
type Value struct {
	Name  string
	Value string
}

// Values are the values of exactly the variables a template uses, sorted
// by name: two viewers who differ only in variables the template does not
// use get equal Values, hence the same Key and the same rendered variant.
type Values []Value

// Values resolves the template's variables for a viewer (ctx may be nil:
// defaults then apply).
func (t *Template) Values(ctx *campaign.Context) Values {
	v := make(Values, len(t.used))
	for i, name := range t.used {
		v[i] = Value{Name: name, Value: t.value(name, ctx)}
	}
	return v
}

// Get returns the value of a variable.
func (v Values) Get(name string) (string, bool) {
	i := sort.Search(len(v), func(i int) bool { return v[i].Name >= name })
	if i < len(v) && v[i].Name == name {
		return v[i].Value, true
	}
	return "", false
}

// Key is a stable content address of the values (hex SHA-256 of a
// length-prefixed encoding, so no two different Values share a Key).
// The variant cache combines it with the creative and the ladder.
func (v Values) Key() string {
	var stack [512]byte // most Values encode smaller: no allocation but the result
	buf := appendField(stack[:0], "adstitch template values v1")
	for _, e := range v {
		buf = appendField(buf, e.Name)
		buf = appendField(buf, e.Value)
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

func appendField(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

// Map returns the values as a map, e.g. for the variant API's "context".
func (v Values) Map() map[string]string {
	m := make(map[string]string, len(v))
	for _, e := range v {
		m[e.Name] = e.Value
	}
	return m
}
