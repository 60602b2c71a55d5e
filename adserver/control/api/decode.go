package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/valyala/fasthttp"
)

// maxBody bounds a request body; a campaign with 50 creatives and a large
// targeting rule is a few tens of kilobytes.
const maxBody = 1 << 20

var rawMessageType = reflect.TypeFor[json.RawMessage]()

// decodeBody decodes one JSON object into dst (a pointer to an input
// struct) strictly: invalid JSON is reported with its byte offset, and an
// unknown field or a value of the wrong JSON type with its path
// ("creatives[0].hsl: unknown field"). The standard decoder names neither
// the path of an unknown field nor the index of a bad element, so the
// document is first checked against dst's type.
func decodeBody(body []byte, dst any) *apiError {
	if len(body) > maxBody {
		return newError(fasthttp.StatusRequestEntityTooLarge, codeTooLarge, "body larger than 1 MiB")
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return newError(fasthttp.StatusBadRequest, codeInvalidJSON, "empty body; expected a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return syntaxError(err, len(body))
	}
	if _, err := dec.Token(); err != io.EOF {
		return newError(fasthttp.StatusBadRequest, codeInvalidJSON,
			"invalid JSON at byte "+strconv.FormatInt(dec.InputOffset(), 10)+": data after the object")
	}
	if _, ok := doc.(map[string]any); !ok {
		return newError(fasthttp.StatusBadRequest, codeInvalidJSON, "expected a JSON object, got "+jsonKind(doc))
	}
	if e := checkShape(doc, reflect.TypeOf(dst).Elem(), ""); e != nil {
		return e
	}
	if err := json.Unmarshal(body, dst); err != nil { // the shape check should have caught it
		return newError(fasthttp.StatusBadRequest, codeInvalidJSON, "invalid JSON: "+err.Error())
	}
	return nil
}

func syntaxError(err error, n int) *apiError {
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		return newError(fasthttp.StatusBadRequest, codeInvalidJSON,
			"invalid JSON at byte "+strconv.FormatInt(syn.Offset, 10)+": "+syn.Error())
	case errors.Is(err, io.ErrUnexpectedEOF):
		return newError(fasthttp.StatusBadRequest, codeInvalidJSON,
			"invalid JSON at byte "+strconv.Itoa(n)+": unexpected end of input")
	}
	return newError(fasthttp.StatusBadRequest, codeInvalidJSON, "invalid JSON: "+err.Error())
}

// checkShape returns the first place (in document order for arrays, name
// order for objects) where v does not fit type t. JSON null fits anything
// (the field keeps its zero value, as for the standard decoder).
func checkShape(v any, t reflect.Type, path string) *apiError {
	if v == nil || t == rawMessageType {
		return nil
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return typeError(path, "an object", v)
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			f, ok := fieldByJSONName(t, k)
			if !ok {
				return fieldError(fasthttp.StatusBadRequest, codeUnknownField, join(path, k), join(path, k)+": unknown field")
			}
			if e := checkShape(obj[k], f.Type, join(path, k)); e != nil {
				return e
			}
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return typeError(path, "an array", v)
		}
		for i, el := range arr {
			if e := checkShape(el, t.Elem(), path+"["+strconv.Itoa(i)+"]"); e != nil {
				return e
			}
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			return typeError(path, "a string", v)
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return typeError(path, "true or false", v)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return typeError(path, "an integer", v)
		}
		if _, err := strconv.ParseInt(n.String(), 10, t.Bits()); err != nil {
			return fieldError(fasthttp.StatusBadRequest, codeInvalidType, path,
				path+": must be an integer of at most "+strconv.Itoa(t.Bits())+" bits, got "+n.String())
		}
	case reflect.Float32, reflect.Float64:
		n, ok := v.(json.Number)
		if !ok {
			return typeError(path, "a number", v)
		}
		if _, err := strconv.ParseFloat(n.String(), t.Bits()); err != nil {
			return fieldError(fasthttp.StatusBadRequest, codeInvalidType, path, path+": number out of range: "+n.String())
		}
	}
	return nil
}

// fieldByJSONName finds the field of struct t whose JSON name is exactly
// name (the standard decoder would also take "Name" for "name"; the API
// does not).
func fieldByJSONName(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.IsExported() && tag == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func typeError(path, want string, got any) *apiError {
	field := path
	if field == "" {
		field = "body"
	}
	return fieldError(fasthttp.StatusBadRequest, codeInvalidType, path, field+": must be "+want+", got "+jsonKind(got))
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	}
	return "a value"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
