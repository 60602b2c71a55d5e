package analytics

import (
	"strings"
	"testing"
	"time"
)

func TestEventIDIsDeterministic(t *testing.T) {
	a := EventID("s1", "pre", 0, "ad", Impression)
	cases := []struct {
		name string
		id   string
		same bool
	}{
		{"same inputs", EventID("s1", "pre", 0, "ad", Impression), true},
		{"other session", EventID("s2", "pre", 0, "ad", Impression), false},
		{"other avail", EventID("s1", "mid", 0, "ad", Impression), false},
		{"other position", EventID("s1", "pre", 10, "ad", Impression), false},
		{"other ad", EventID("s1", "pre", 0, "ad2", Impression), false},
		{"other type", EventID("s1", "pre", 0, "ad", Complete), false},
		{"no separator collision", EventID("s1p", "re", 0, "ad", Impression), false},
	}
	for _, tc := range cases {
		if (tc.id == a) != tc.same {
			t.Errorf("%s: same=%v", tc.name, tc.id == a)
		}
	}
	// Ids must not change across versions: stores deduplicate events from
	// old and new instances alike.
	for _, g := range []struct{ got, want string }{
		{EventID("9a8b7c6d5e4f", "t1767285620", 2, "ad-1", Midpoint), "4f20a73c02b65e91d5886bd8503fab0e"},
		{EventID("", "", 0, "", Impression), "508b983cd0fe8899f1b49cf79dbae8e9"},
		{EventID(strings.Repeat("s", 300), "a", -1, "ad", Start), "5f850ca9574448910e475f73a0feca5c"},
	} {
		if g.got != g.want {
			t.Errorf("EventID = %s, want %s", g.got, g.want)
		}
	}
}

func TestDaypartAndLocalHour(t *testing.T) {
	at := time.Date(2026, 11, 21, 23, 30, 0, 0, time.UTC)
	cases := []struct {
		offset int16
		hour   int
		part   string
	}{{0, 23, "night"}, {60, 0, "night"}, {-5 * 60, 18, "evening"}, {8 * 60, 7, "morning"}, {-10 * 60, 13, "afternoon"}}
	for _, tc := range cases {
		h := LocalHour(at, tc.offset)
		if h != tc.hour || Daypart(h) != tc.part {
			t.Errorf("offset %d: hour %d %s, want %d %s", tc.offset, h, Daypart(h), tc.hour, tc.part)
		}
	}
}

type memSpool struct {
	recs    [][]byte
	batches int
}

func (m *memSpool) Append(b []byte) error {
	m.recs = append(m.recs, append([]byte(nil), b...))
	return nil
}

func (m *memSpool) AppendBatch(bs [][]byte) error {
	m.batches++
	for _, b := range bs {
		m.recs = append(m.recs, append([]byte(nil), b...))
	}
	return nil
}

func TestSpoolRecorderRoundTrip(t *testing.T) {
	sp := &memSpool{}
	e := Event{ID: EventID("s", "a", 1, "ad", Start), Type: Start, Time: time.Unix(1_800_000_000, 0).UTC(),
		Source: SourceServer, Session: "s", Avail: "a", Position: 1, Ad: "ad", City: "Madrid", Interests: []string{"running"}}
	if err := (SpoolRecorder{sp}).Record(e); err != nil {
		t.Fatal(err)
	}
	got, err := DecodeEvents(sp.recs)
	if err != nil || len(got) != 1 || got[0].ID != e.ID || got[0].City != "Madrid" || got[0].Interests[0] != "running" || !got[0].Time.Equal(e.Time) {
		t.Fatalf("decoded %+v, %v", got, err)
	}
	for _, bad := range []string{`{"type":"start"}`, `{"event_id":"x","type":"clicked","time":"2026-01-01T00:00:00Z","session":"s"}`, `not json`} {
		if _, err := DecodeEvents([][]byte{[]byte(bad)}); err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
}

// oneByOne is a Recorder that is not a BatchRecorder.
type oneByOne struct{ got []EventType }

func (o *oneByOne) Record(e Event) error { o.got = append(o.got, e.Type); return nil }

func TestRecordAll(t *testing.T) {
	at := time.Unix(1_800_000_000, 0).UTC()
	var es []Event
	for i, typ := range []EventType{Impression, Start, FirstQuartile, Midpoint, ThirdQuartile, Complete, Error, Impression, Start, Complete} {
		es = append(es, Event{ID: EventID("s", "a", i, "ad", typ), Type: typ, Time: at, Session: "s", City: strings.Repeat("x", i)})
	}
	for _, n := range []int{1, 3, 6, len(es)} {
		sp := &memSpool{}
		if err := RecordAll(SpoolRecorder{sp}, es[:n]); err != nil {
			t.Fatal(err)
		}
		got, err := DecodeEvents(sp.recs)
		if err != nil || len(got) != n {
			t.Fatalf("%d events: decoded %d, %v", n, len(got), err)
		}
		for i := range got {
			if got[i].ID != es[i].ID || got[i].City != es[i].City {
				t.Fatalf("%d events: record %d is %+v, want %+v", n, i, got[i], es[i])
			}
		}
		if n > 1 && sp.batches != 1 {
			t.Fatalf("%d events in %d batches, want one", n, sp.batches)
		}
	}
	o := &oneByOne{}
	if err := RecordAll(o, es[:3]); err != nil || len(o.got) != 3 || o.got[2] != FirstQuartile {
		t.Fatalf("one by one: %v %v", o.got, err)
	}
}
