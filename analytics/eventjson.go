package analytics

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends e's JSON form, the bytes json.Marshal(e) writes, to
// dst. It is the spool's and Kafka's wire format, written on the beacon
// path for every event, so it does not use reflection and allocates only
// to grow dst.
func AppendJSON(dst []byte, e *Event) ([]byte, error) {
	n := len(dst)
	dst = append(dst, `{"event_id":`...)
	dst = appendString(dst, e.ID)
	dst = append(dst, `,"type":`...)
	dst = appendString(dst, string(e.Type))
	dst = append(dst, `,"time":"`...)
	// The very function Time.MarshalJSON uses: RFC 3339 with the
	// nanoseconds, and an error for years outside 0-9999.
	withTime, err := e.Time.AppendText(dst)
	if err != nil {
		return dst[:n], fmt.Errorf("json: error calling MarshalJSON for type time.Time: %w", err)
	}
	dst = withTime
	dst = append(dst, `","source":`...)
	dst = appendString(dst, string(e.Source))
	dst = append(dst, `,"session":`...)
	dst = appendString(dst, e.Session)
	dst = appendOptional(dst, `,"viewer":`, e.Viewer)
	dst = append(dst, `,"stream":`...)
	dst = appendString(dst, e.Stream)
	dst = appendOptional(dst, `,"avail":`, e.Avail)
	dst = append(dst, `,"position":`...)
	dst = strconv.AppendInt(dst, int64(e.Position), 10)
	dst = appendOptional(dst, `,"ad":`, e.Ad)
	dst = appendOptional(dst, `,"advertiser":`, e.Advertiser)
	dst = appendOptional(dst, `,"campaign":`, e.Campaign)
	dst = appendOptional(dst, `,"creative":`, e.Creative)
	dst = appendOptional(dst, `,"variant":`, e.Variant)
	dst = appendOptional(dst, `,"country":`, e.Country)
	dst = appendOptional(dst, `,"region":`, e.Region)
	dst = appendOptional(dst, `,"city":`, e.City)
	dst = append(dst, `,"local_hour":`...)
	dst = strconv.AppendInt(dst, int64(e.LocalHour), 10)
	dst = appendOptional(dst, `,"daypart":`, e.Daypart)
	if len(e.Interests) > 0 {
		dst = append(dst, `,"interests":[`...)
		for i, s := range e.Interests {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, s)
		}
		dst = append(dst, ']')
	}
	dst = appendOptional(dst, `,"device":`, e.Device)
	dst = append(dst, `,"utc_offset":`...)
	dst = strconv.AppendInt(dst, int64(e.UTCOffset), 10)
	dst = appendOptional(dst, `,"reason":`, e.Reason)
	return append(dst, '}'), nil
}

// appendOptional writes an omitempty string field.
func appendOptional(dst []byte, key, s string) []byte {
	if s == "" {
		return dst
	}
	dst = append(dst, key...)
	return appendString(dst, s)
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string escaped as encoding/json does:
// HTML characters, control characters, U+2028 and U+2029 escaped, and
// invalid UTF-8 replaced by U+FFFD.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
