package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/analytics"
)

var at = time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)

func TestValidateBatch(t *testing.T) {
	ok := analytics.Event{ID: "x", Type: analytics.Impression, Time: at, LocalHour: 23, Position: 3}
	cases := []struct {
		name    string
		mutate  func(e *analytics.Event)
		wantErr string // "" when valid
	}{
		{"valid", func(e *analytics.Event) {}, ""},
		{"no id", func(e *analytics.Event) { e.ID = "" }, `event 1: invalid event: no event_id (type "impression")`},
		{"unknown type", func(e *analytics.Event) { e.Type = "click" }, `event 1: invalid event: event_id x: unknown type "click"`},
		{"empty type", func(e *analytics.Event) { e.Type = "" }, `unknown type ""`},
		{"zero time", func(e *analytics.Event) { e.Time = time.Time{} }, "time 0001-01-01T00:00:00Z outside 1970-2200"},
		{"before 1970", func(e *analytics.Event) { e.Time = time.Unix(-1, 0) }, "outside 1970-2200"},
		{"epoch", func(e *analytics.Event) { e.Time = time.Unix(0, 0) }, ""},
		{"far future", func(e *analytics.Event) { e.Time = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC) }, "outside 1970-2200"},
		{"local hour 24", func(e *analytics.Event) { e.LocalHour = 24 }, "local_hour 24 outside 0-23"},
		{"negative local hour", func(e *analytics.Event) { e.LocalHour = -1 }, "local_hour -1"},
		{"negative position", func(e *analytics.Event) { e.Position = -1 }, "position -1"},
		{"huge position", func(e *analytics.Event) { e.Position = 1 << 40 }, "position 1099511627776"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bad := ok
			tc.mutate(&bad)
			err := ValidateBatch([]analytics.Event{ok, bad, ok})
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidEvent) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want ErrInvalidEvent with %q", err, tc.wantErr)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	ev := func(src analytics.Source, d time.Duration) *analytics.Event {
		return &analytics.Event{Source: src, Time: at.Add(d)}
	}
	// Each event wins over the ones after it.
	order := []*analytics.Event{
		ev(analytics.SourceServer, -time.Hour),
		ev(analytics.SourceServer, 0),
		ev(analytics.SourceServer, time.Millisecond),
		ev(analytics.SourceClient, -2*time.Hour),
		ev(analytics.SourceClient, 0),
		ev("", time.Hour), // unknown source ranks with the client
	}
	for i := 1; i < len(order); i++ {
		if a, b := Version(order[i-1]), Version(order[i]); a <= b {
			t.Errorf("version %d (%v %s) not above %d (%v %s)", a, order[i-1].Source, order[i-1].Time,
				b, order[i].Source, order[i].Time)
		}
	}
	for _, e := range []*analytics.Event{ev(analytics.SourceServer, 0), {Time: time.Unix(0, 0)},
		{Time: time.Date(2199, 12, 31, 0, 0, 0, 0, time.UTC), Source: analytics.SourceServer}} {
		if v := Version(e); v < 0 {
			t.Errorf("version %d of %v is negative", v, e.Time)
		}
	}
}

func TestBoundMillis(t *testing.T) {
	for _, tc := range []struct {
		t    time.Time
		want int64
	}{
		{at, at.UnixMilli()},
		{time.Time{}, 0},
		{time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), maxTime.UnixMilli()},
	} {
		if got := BoundMillis(tc.t); got != tc.want {
			t.Errorf("BoundMillis(%s) = %d, want %d", tc.t, got, tc.want)
		}
	}
}
