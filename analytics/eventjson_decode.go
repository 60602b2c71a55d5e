package analytics

import (
	"encoding/json"
	"fmt"
	"math"
	"unicode/utf8"
)

// UnmarshalEvent parses one spool or Kafka record (an event's JSON form)
// into e: the result is what json.Unmarshal gives. Records as AppendJSON
// writes them take a fast path without reflection; anything else
// (escapes, unknown or differently cased keys, nulls, odd numbers) is left
// to encoding/json.
func UnmarshalEvent(rec []byte, e *Event) error {
	*e = Event{}
	if decodeFast(rec, e) {
		return nil
	}
	*e = Event{}
	return json.Unmarshal(rec, e)
}

// DecodeEvent is UnmarshalEvent, then Validate.
func DecodeEvent(rec []byte, e *Event) error {
	if err := UnmarshalEvent(rec, e); err != nil {
		return err
	}
	return e.Validate()
}

// DecodeEvents decodes spool or Kafka records into events, validating each.
func DecodeEvents(records [][]byte) ([]Event, error) {
	out := make([]Event, len(records))
	for i, r := range records {
		if err := DecodeEvent(r, &out[i]); err != nil {
			return nil, fmt.Errorf("record %d: %w", i, err)
		}
	}
	return out, nil
}

// decodeFast decodes the records AppendJSON writes, in any key order and
// spacing. It reports false, leaving e partly set, at anything it does not
// handle exactly as encoding/json would.
func decodeFast(b []byte, e *Event) bool {
	d := scanner{b: b}
	d.space()
	if !d.take('{') {
		return false
	}
	d.space()
	if d.take('}') {
		return d.end()
	}
	for {
		key, ok := d.plain()
		if !ok {
			return false
		}
		d.space()
		if !d.take(':') {
			return false
		}
		d.space()
		if !d.field(key, e) {
			return false
		}
		d.space()
		switch {
		case d.take(','):
			d.space()
		case d.take('}'):
			return d.end()
		default:
			return false
		}
	}
}

// field decodes the value of key into e.
func (d *scanner) field(key []byte, e *Event) bool {
	switch string(key) { // no allocation: the compiler compares in place
	case "event_id":
		return d.str(&e.ID)
	case "type":
		v, ok := d.plain()
		e.Type = EventType(internType(v))
		return ok
	case "time":
		start := d.i
		if _, ok := d.plain(); !ok {
			return false
		}
		return e.Time.UnmarshalJSON(d.b[start:d.i]) == nil
	case "source":
		v, ok := d.plain()
		switch string(v) {
		case string(SourceServer):
			e.Source = SourceServer
		case string(SourceClient):
			e.Source = SourceClient
		default:
			e.Source = Source(v)
		}
		return ok
	case "session":
		return d.str(&e.Session)
	case "viewer":
		return d.str(&e.Viewer)
	case "stream":
		return d.str(&e.Stream)
	case "avail":
		return d.str(&e.Avail)
	case "position":
		v, ok := d.int(math.MinInt, math.MaxInt)
		e.Position = int(v)
		return ok
	case "ad":
		return d.str(&e.Ad)
	case "advertiser":
		return d.str(&e.Advertiser)
	case "campaign":
		return d.str(&e.Campaign)
	case "creative":
		return d.str(&e.Creative)
	case "variant":
		return d.str(&e.Variant)
	case "country":
		return d.str(&e.Country)
	case "region":
		return d.str(&e.Region)
	case "city":
		return d.str(&e.City)
	case "local_hour":
		v, ok := d.int(math.MinInt, math.MaxInt)
		e.LocalHour = int(v)
		return ok
	case "daypart":
		v, ok := d.plain()
		e.Daypart = internDaypart(v)
		return ok
	case "interests":
		return d.strings(&e.Interests)
	case "device":
		return d.str(&e.Device)
	case "utc_offset":
		v, ok := d.int(math.MinInt16, math.MaxInt16)
		e.UTCOffset = int16(v)
		return ok
	case "reason":
		return d.str(&e.Reason)
	}
	return false // unknown here; encoding/json matches keys case-insensitively
}

func internType(v []byte) string {
	for _, t := range Types {
		if string(t) == string(v) {
			return string(t)
		}
	}
	return string(v)
}

func internDaypart(v []byte) string {
	for _, p := range [...]string{"morning", "afternoon", "evening", "night"} {
		if p == string(v) {
			return p
		}
	}
	return string(v)
}

// scanner reads JSON tokens from b at i.
type scanner struct {
	b []byte
	i int
}

func (d *scanner) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *scanner) take(c byte) bool {
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

// end reports whether only white space is left.
func (d *scanner) end() bool {
	d.space()
	return d.i == len(d.b)
}

// plain reads a string without escapes, control characters or invalid
// UTF-8 (which encoding/json would reject or rewrite) and returns its
// contents.
func (d *scanner) plain() ([]byte, bool) {
	if !d.take('"') {
		return nil, false
	}
	start := d.i
	ascii := true
	for ; d.i < len(d.b); d.i++ {
		c := d.b[d.i]
		switch {
		case c == '"':
			v := d.b[start:d.i]
			d.i++
			return v, ascii || utf8.Valid(v)
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, false
}

func (d *scanner) str(dst *string) bool {
	v, ok := d.plain()
	*dst = string(v)
	return ok
}

// strings reads an array of plain strings; [] gives an empty, non-nil
// slice, as encoding/json does.
func (d *scanner) strings(dst *[]string) bool {
	if !d.take('[') {
		return false
	}
	out := make([]string, 0, 4)
	d.space()
	if d.take(']') {
		*dst = out
		return true
	}
	for {
		v, ok := d.plain()
		if !ok {
			return false
		}
		out = append(out, string(v))
		d.space()
		switch {
		case d.take(','):
			d.space()
		case d.take(']'):
			*dst = out
			return true
		default:
			return false
		}
	}
}

// int reads a JSON integer within [lo, hi]: an optional minus, then 0 or
// a digit run without a leading zero, not followed by a fraction or an
// exponent.
func (d *scanner) int(lo, hi int64) (int64, bool) {
	neg := d.take('-')
	start := d.i
	var u uint64
	for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' {
		if d.i-start == 19 { // past every int64
			return 0, false
		}
		u = u*10 + uint64(d.b[d.i]-'0')
		d.i++
	}
	n := d.i - start
	if n == 0 || (n > 1 && d.b[start] == '0') {
		return 0, false
	}
	if d.i < len(d.b) {
		if c := d.b[d.i]; c == '.' || c == 'e' || c == 'E' {
			return 0, false
		}
	}
	var v int64
	switch {
	case neg && u <= 1<<63:
		v = int64(-u) // -(1<<63) wraps to itself
	case !neg && u < 1<<63:
		v = int64(u)
	default:
		return 0, false
	}
	return v, v >= lo && v <= hi
}
