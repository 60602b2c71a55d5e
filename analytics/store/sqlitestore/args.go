package sqlitestore

import (
	"encoding/json"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/store"
)

// maxBoxed bounds the values an argBuilder keeps: past it, it starts over.
const maxBoxed = 4096

// argBuilder turns events into statement arguments. Putting a string in
// an interface allocates, so the fields most events share a few values of
// (campaign, city, type, interests…) reuse the interface of an earlier
// event; ids, sessions and viewers, nearly unique, are boxed each time.
type argBuilder struct {
	boxed map[string]any
	json  []byte // scratch for interests
}

// appendEvent appends e's column values, in columns order; version is
// store.Version(e).
func (a *argBuilder) appendEvent(args []any, e *analytics.Event, version int64) []any {
	if a.boxed == nil || len(a.boxed) >= maxBoxed {
		a.boxed = make(map[string]any, 256)
	}
	return append(args, e.ID, a.box(string(e.Type)), store.Millis(e.Time), a.box(string(e.Source)),
		e.Session, e.Viewer, a.box(e.Stream), a.box(e.Avail),
		int64(e.Position), a.box(e.Ad), a.box(e.Advertiser), a.box(e.Campaign),
		a.box(e.Creative), a.box(e.Variant), a.box(e.Country), a.box(e.Region),
		a.box(e.City), int64(e.LocalHour), a.box(e.Daypart), a.interests(e.Interests),
		a.box(e.Device), int64(e.UTCOffset), a.box(e.Reason), version)
}

func (a *argBuilder) box(s string) any {
	if v, ok := a.boxed[s]; ok {
		return v
	}
	v := any(s)
	a.boxed[s] = v
	return v
}

// interests is the JSON array of interests, as encoding/json writes it.
func (a *argBuilder) interests(interests []string) any {
	b, ok := appendPlainJSON(a.json[:0], interests)
	if !ok {
		b, _ = json.Marshal(interests) // a []string always marshals
	}
	a.json = b
	if v, ok := a.boxed[string(b)]; ok { // no allocation to look up
		return v
	}
	return a.box(string(b))
}

// appendPlainJSON appends the JSON array of ss, or reports false if a
// string needs escaping (encoding/json escapes more than quotes and
// backslashes: control characters, <, >, &, and some non-ASCII).
func appendPlainJSON(b []byte, ss []string) ([]byte, bool) {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		for j := 0; j < len(s); j++ {
			c := s[j]
			if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return b, false
			}
		}
		b = append(b, s...)
		b = append(b, '"')
	}
	return append(b, ']'), true
}
