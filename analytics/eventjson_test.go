package analytics

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

// jsonEvents are events whose JSON form AppendJSON must write exactly as
// json.Marshal does, and DecodeEvent read back as json.Unmarshal does.
var jsonEvents = []struct {
	name string
	e    Event
}{
	{"zero", Event{}},
	{"beacon", Event{ID: "4f1c0a9e2b7d4c1e8a9b0c1d2e3f4a5b", Type: Midpoint, Time: time.Date(2026, 11, 21, 8, 30, 0, 123456789, time.UTC),
		Source: SourceServer, Session: "9a8b7c6d5e4f", Viewer: "v1", Stream: "news", Avail: "t1767285620", Position: 2,
		Ad: "ad-1", Advertiser: "adv", Campaign: "c1", Creative: "cr1", Variant: "var1", Country: "ES", Region: "MD",
		City: "Madrid", LocalHour: 9, Daypart: "morning", Interests: []string{"running", "news"}, Device: "tv", UTCOffset: 60}},
	{"avail unfilled", Event{ID: "x", Type: AvailUnfilled, Time: time.Unix(1_800_000_000, 0).UTC(), Session: "s", Reason: "no_eligible_ads", UTCOffset: -330}},
	{"html and quotes", Event{ID: `a"b\c`, Type: Error, Session: "<script>&</script>", City: "O'Brien"}},
	{"control characters", Event{ID: "\x00\x01\b\f\n\r\t\x1f\x7f", Session: "s"}},
	{"line separators", Event{ID: "a\u2028b\u2029c", Session: "s"}},
	{"non-ASCII", Event{ID: "x", City: "Málaga", Region: "東京", Interests: []string{"café", "🏃"}}},
	{"invalid UTF-8", Event{ID: "x\xff\xfe", City: "ab\xc3", Interests: []string{"\xed\xa0\x80"}}},
	{"empty interests", Event{ID: "x", Interests: []string{}}},
	{"empty interest", Event{ID: "x", Interests: []string{""}}},
	{"extreme numbers", Event{ID: "x", Position: math.MinInt, LocalHour: math.MaxInt, UTCOffset: math.MinInt16}},
	{"zone", Event{ID: "x", Time: time.Date(2026, 3, 29, 2, 30, 0, 500, time.FixedZone("", 5*3600+30*60))}},
	{"year 0", Event{ID: "x", Time: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)}},
	{"year 10000", Event{ID: "x", Time: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}},
	{"zone of 24 hours", Event{ID: "x", Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600))}},
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	for _, tc := range jsonEvents {
		t.Run(tc.name, func(t *testing.T) {
			checkAppendJSON(t, &tc.e)
		})
	}
}

func checkAppendJSON(t *testing.T, e *Event) {
	t.Helper()
	want, wantErr := json.Marshal(e)
	got, err := AppendJSON([]byte("prefix"), e)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("error %v, encoding/json says %v", err, wantErr)
	}
	if err != nil {
		if string(got) != "prefix" {
			t.Fatalf("failed encode left %q", got)
		}
		return
	}
	if string(got) != "prefix"+string(want) {
		t.Fatalf("AppendJSON:\n%s\njson.Marshal:\n%s", got[len("prefix"):], want)
	}
}

// Every event AppendJSON writes decodes back as json.Unmarshal reads it,
// on the fast path when its strings need no escapes.
func TestDecodeEventRoundTrip(t *testing.T) {
	for _, tc := range jsonEvents {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := AppendJSON(nil, &tc.e)
			if err != nil {
				return // nothing to decode (TestAppendJSONMatchesEncodingJSON)
			}
			checkDecode(t, rec)
			plain := !strings.ContainsAny(string(rec), `\`) && tc.e.City != "ab\xc3"
			var fast Event
			if ok := decodeFast(rec, &fast); ok != plain {
				t.Fatalf("fast path taken=%v for %s", ok, rec)
			}
		})
	}
}

// checkDecode fails unless DecodeEvent gives what json.Unmarshal and
// Validate give for rec.
func checkDecode(t *testing.T, rec []byte) {
	t.Helper()
	var want Event
	wantErr := json.Unmarshal(rec, &want)
	if wantErr == nil {
		wantErr = want.Validate()
	}
	var got Event
	err := DecodeEvent(rec, &got)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("%q: error %v, encoding/json and Validate say %v", rec, err, wantErr)
	}
	if err == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\nDecodeEvent  %#v\njson.Unmarshal %#v", rec, got, want)
	}
	if err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("%q: error %q, want %q", rec, err, wantErr)
	}
}

const validRecord = `{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","source":"client","session":"s1","stream":"news","position":1,"local_hour":9,"utc_offset":60}`

// Records other producers (or people) may write: whatever DecodeEvent
// makes of them is what encoding/json makes of them.
var decodeRecords = []string{
	validRecord,
	`  {"utc_offset":60, "local_hour" : 9 ,"position":1,"stream":"news","session":"s1","source":"client","time":"2026-11-21T08:30:00Z","type":"start","event_id":"e1"}` + "\n",
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","extra":{"nested":[1,2]}}`,
	`{"EVENT_ID":"e1","Type":"start","time":"2026-11-21T08:30:00Z","session":"s1"}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","city":null,"interests":null}`,
	`{"event_id":"e\u0031","type":"st\u0061rt","time":"2026-11-21T08:30:00Z","session":"s\n1"}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","interests":[]}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","interests":[ "a" , "b" ]}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","interests":["a",1]}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","interests":"a"}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","position":1.0}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","position":01}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","position":-0}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","position":1e2}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","position":"1"}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","position":-}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","utc_offset":32768}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","utc_offset":-32768}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","local_hour":99999999999999999999}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","position":9223372036854775807}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","position":9223372036854775808}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","position":-9223372036854775808}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","position":-9223372036854775809}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1","session":"s2"}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21 08:30:00Z","session":"s1"}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00+01:00","session":"s1"}`,
	`{"event_id":"e1","type":"start","time":null,"session":"s1"}`,
	`{"event_id":"e1","type":"clicked","time":"2026-11-21T08:30:00Z","session":"s1"}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z"}`,
	`{"type":"start"}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1"} {}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1",}`,
	`{"event_id":"e1" "type":"start"}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1\x01"}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1\xff"}`,
	`{"event_id":"e1","type":"start","time":"2026-11-21T08:30:00Z","session":"s1`,
	"\ufeff" + validRecord,
	`{}`,
	`[]`,
	`null`,
	`not json`,
	``,
}

func TestDecodeEventAgreesWithEncodingJSON(t *testing.T) {
	for _, rec := range decodeRecords {
		t.Run(rec, func(t *testing.T) { checkDecode(t, []byte(rec)) })
	}
}

func FuzzDecodeEvent(f *testing.F) {
	for _, rec := range decodeRecords {
		f.Add([]byte(rec))
	}
	for _, tc := range jsonEvents {
		if rec, err := AppendJSON(nil, &tc.e); err == nil {
			f.Add(rec)
		}
	}
	f.Fuzz(func(t *testing.T, rec []byte) { checkDecode(t, rec) })
}

func FuzzAppendJSON(f *testing.F) {
	f.Add("e1", "Madrid", "running", int64(1_800_000_000_123), 3, int16(60))
	f.Add("<&>", "a\u2028\"\\", "\xff", int64(-62_135_596_800_000), -1, int16(-1))
	f.Fuzz(func(t *testing.T, id, city, interest string, millis int64, position int, offset int16) {
		e := Event{ID: id, Type: Complete, Time: time.UnixMilli(millis).UTC(), Session: city, City: city,
			Interests: []string{interest, id}, Position: position, UTCOffset: offset, Reason: interest}
		checkAppendJSON(t, &e)
		if rec, err := AppendJSON(nil, &e); err == nil {
			checkDecode(t, rec)
		}
	})
}

var benchEvent = jsonEvents[1].e

// BenchmarkEventJSON compares AppendJSON and DecodeEvent with
// encoding/json on a typical beacon, side by side.
func BenchmarkEventJSON(b *testing.B) {
	rec, _ := AppendJSON(nil, &benchEvent)
	b.Run("encode/AppendJSON", func(b *testing.B) {
		b.ReportAllocs()
		buf := make([]byte, 0, 1024)
		for b.Loop() {
			buf, _ = AppendJSON(buf[:0], &benchEvent)
		}
	})
	b.Run("encode/json.Marshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = json.Marshal(&benchEvent)
		}
	})
	b.Run("decode/DecodeEvent", func(b *testing.B) {
		b.ReportAllocs()
		var e Event
		for b.Loop() {
			_ = DecodeEvent(rec, &e)
		}
	})
	b.Run("decode/json.Unmarshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var e Event
			_ = json.Unmarshal(rec, &e)
		}
	})
}
