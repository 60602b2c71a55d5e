package targeting

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// jsonValue is a decoded JSON value that keeps what the validation needs
// and a generic decode loses: object keys in order, duplicates included.
type jsonValue struct {
	kind  jsonKind
	text  string      // string value, number literal, "true" or "false"
	keys  []string    // object keys, parallel to items
	items []jsonValue // object values or array elements
}

type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

var jsonKindNames = [...]string{
	jsonNull:   "null",
	jsonBool:   "boolean",
	jsonNumber: "number",
	jsonString: "string",
	jsonArray:  "array",
	jsonObject: "object",
}

func (k jsonKind) String() string { return jsonKindNames[k] }

// decodeTree decodes valid JSON (Parse checked it) in one pass.
func decodeTree(raw []byte) (jsonValue, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return readValue(dec)
}

func readValue(dec *json.Decoder) (jsonValue, error) {
	tok, err := dec.Token()
	if err != nil {
		return jsonValue{}, err
	}
	switch t := tok.(type) {
	case json.Delim:
		v := jsonValue{kind: jsonArray}
		if t == '{' {
			v.kind = jsonObject
		}
		for dec.More() {
			if v.kind == jsonObject {
				key, err := dec.Token()
				if err != nil {
					return jsonValue{}, err
				}
				s, _ := key.(string)
				v.keys = append(v.keys, s)
			}
			item, err := readValue(dec)
			if err != nil {
				return jsonValue{}, err
			}
			v.items = append(v.items, item)
		}
		_, err := dec.Token() // the closing delimiter
		return v, err
	case string:
		return jsonValue{kind: jsonString, text: t}, nil
	case json.Number:
		return jsonValue{kind: jsonNumber, text: string(t)}, nil
	case bool:
		return jsonValue{kind: jsonBool, text: strconv.FormatBool(t)}, nil
	}
	return jsonValue{kind: jsonNull}, nil
}

// excerpt shows a bad scalar as written, or names a container's kind.
func (v *jsonValue) excerpt() string {
	switch v.kind {
	case jsonString:
		q, _ := json.Marshal(v.text) // a string always marshals
		const max = 40
		if len(q) > max {
			return string(q[:max]) + `..."`
		}
		return string(q)
	case jsonArray, jsonObject:
		return "an " + v.kind.String()
	case jsonNull:
		return "null"
	}
	return v.text
}
