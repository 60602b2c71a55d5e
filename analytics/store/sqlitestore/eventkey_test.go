package sqlitestore

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/adstitch/adstitch/analytics"
)

// TestEventKeyIsStable pins eventKey: the keys are stored, so a change
// would leave every indexed id unfindable. The values were computed apart
// from this code (FNV-1a 64 and fmix64 in Python).
func TestEventKeyIsStable(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want int64
	}{
		{"", -1166397803181037274},
		{"b10e11c6c759b65aae75f05a7fa5501d", 7741697019412856148},
		{"id-1", -2803714698708301911},
	} {
		if got := eventKey(tc.id); got != tc.want {
			t.Errorf("eventKey(%q) = %d, want %d", tc.id, got, tc.want)
		}
		if got := eventKey([]byte(tc.id)); got != tc.want {
			t.Errorf("eventKey([]byte(%q)) = %d, want %d", tc.id, got, tc.want)
		}
	}
}

// TestSharedKeyIsNoCopy forges event_keys so that a new id's key points at
// another, indexed event: the lookup compares the ids, so the new event is
// stored beside it, not taken for its copy.
func TestSharedKeyIsNoCopy(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "events.db")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st.indexRows, st.indexShare = 1, 0
	at := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	ev := func(id string) analytics.Event {
		return analytics.Event{ID: id, Type: analytics.Impression, Time: at, Source: analytics.SourceServer, Campaign: "c1"}
	}
	if err := st.Insert(ctx, []analytics.Event{ev("indexed")}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.Exec(`INSERT INTO event_keys (key, seq) SELECT ?, seq FROM events WHERE event_id = 'indexed'`,
		eventKey("newcomer")); err != nil {
		t.Fatal(err)
	}
	st.Close()

	st, err = Open(path) // its filter is built from event_keys, forged key included
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Insert(ctx, []analytics.Event{ev("newcomer")}); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := st.db.QueryRow(`SELECT count(*) FROM events WHERE event_id IN ('indexed', 'newcomer')`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("%d of the 2 events stored (%v)", n, err)
	}
}
