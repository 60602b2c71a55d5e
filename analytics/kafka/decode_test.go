package kafka

import (
	"errors"
	"testing"
	"time"

	"github.com/adstitch/adstitch/analytics"
)

// casesRecord drives TestDecodeEvent, TestSessionKey and the fuzz seeds.
var casesRecord = []struct {
	name    string
	record  string
	err     string // "" for a valid event
	session string // key the publisher derives, "" for none
}{
	{
		name:    "impression",
		record:  `{"event_id":"e1","type":"impression","time":"2026-03-01T12:00:00Z","source":"server","session":"s1","stream":"news","position":0,"local_hour":13,"utc_offset":60}`,
		session: "s1",
	},
	{
		name:    "unknown fields from a newer producer",
		record:  `{"event_id":"e2","type":"complete","time":"2026-03-01T12:00:00.5+01:00","session":"s2","interests":["sport"],"new_field":{"a":1}}`,
		session: "s2",
	},
	{name: "not json", record: `impression`, err: "malformed event record: invalid character 'i' looking for beginning of value"},
	{name: "empty", record: ``, err: "malformed event record: unexpected end of JSON input"},
	{name: "array", record: `[1,2]`, err: "malformed event record: json: cannot unmarshal array into Go value of type analytics.Event"},
	{name: "no id", record: `{"type":"impression","time":"2026-03-01T12:00:00Z","session":"s3"}`, err: "malformed event record: no event_id", session: "s3"},
	{name: "unknown type", record: `{"event_id":"e4","type":"teleport","time":"2026-03-01T12:00:00Z"}`, err: `malformed event record: event e4: unknown type "teleport"`},
	{name: "no time", record: `{"event_id":"e5","type":"start","session":"s5"}`, err: "malformed event record: event e5: no time", session: "s5"},
	{name: "bad time", record: `{"event_id":"e6","type":"start","time":"noon"}`, err: `malformed event record: parsing time "noon" as "2006-01-02T15:04:05Z07:00": cannot parse "noon" as "2006"`},
	{name: "session not a string", record: `{"event_id":"e7","type":"start","time":"2026-03-01T12:00:00Z","session":7}`, err: "malformed event record: json: cannot unmarshal number into Go struct field Event.session of type string"},
	{name: "escaped session", record: `{"event_id":"e8","type":"midpoint","time":"2026-03-01T12:00:00Z","session":"a\"b\u00e9"}`, session: "a\"bé"},
}

func TestDecodeEvent(t *testing.T) {
	for _, tt := range casesRecord {
		t.Run(tt.name, func(t *testing.T) {
			e, err := decodeEvent([]byte(tt.record))
			if tt.err != "" {
				if err == nil || err.Error() != tt.err || !errors.Is(err, ErrMalformed) {
					t.Fatalf("err = %v, want %q wrapping ErrMalformed", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if e.ID == "" || !e.Type.Valid() || e.Time.IsZero() || e.Session != tt.session {
				t.Fatalf("decoded %+v", e)
			}
		})
	}
}

func TestDecodeEventFields(t *testing.T) {
	e, err := decodeEvent([]byte(casesRecord[0].record))
	if err != nil {
		t.Fatal(err)
	}
	want := analytics.Event{ID: "e1", Type: analytics.Impression, Time: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC),
		Source: analytics.SourceServer, Session: "s1", Stream: "news", LocalHour: 13, UTCOffset: 60}
	if e.ID != want.ID || e.Type != want.Type || !e.Time.Equal(want.Time) || e.Source != want.Source ||
		e.Session != want.Session || e.Stream != want.Stream || e.LocalHour != want.LocalHour || e.UTCOffset != want.UTCOffset {
		t.Fatalf("decoded %+v, want %+v", e, want)
	}
}

func TestSessionKey(t *testing.T) {
	for _, tt := range casesRecord {
		t.Run(tt.name, func(t *testing.T) {
			key, ok := sessionKey([]byte(tt.record))
			if ok != (tt.session != "") || string(key) != tt.session {
				t.Fatalf("sessionKey = %q, %v; want %q", key, ok, tt.session)
			}
		})
	}
}

// FuzzDecodeEvent: any record decodes to a valid event or ErrMalformed,
// never a panic; the publisher's key agrees with the decoded session.
func FuzzDecodeEvent(f *testing.F) {
	for _, tt := range casesRecord {
		f.Add([]byte(tt.record))
	}
	f.Fuzz(func(t *testing.T, record []byte) {
		e, err := decodeEvent(record)
		key, keyed := sessionKey(record)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrMalformed", err)
			}
			return
		}
		if e.ID == "" || !e.Type.Valid() || e.Time.IsZero() {
			t.Fatalf("accepted invalid event %+v", e)
		}
		if keyed != (e.Session != "") || string(key) != e.Session {
			t.Fatalf("key %q (%v) for an event of session %q", key, keyed, e.Session)
		}
	})
}
