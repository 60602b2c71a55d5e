package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/store"
)

// Store is what Run tests: an event sink that answers reports.
type Store = store.Store

// Run runs the shared cases. open must return an empty store and close it
// when the test ends (t.Cleanup); it is called once per subtest.
func Run(t *testing.T, open func(t *testing.T) Store) {
	t.Run("reports", func(t *testing.T) { testReports(t, open(t), batches()) })
	t.Run("reports, second batch first", func(t *testing.T) {
		b := batches()
		b[0], b[1] = b[1], b[0]
		testReports(t, open(t), b)
	})
	t.Run("bad queries", func(t *testing.T) { testBadQueries(t, open(t)) })
	t.Run("bad batches", func(t *testing.T) { testBadBatches(t, open(t)) })
}

// testReports inserts batches (the same events in any order give the same
// numbers) and checks every report case.
func testReports(t *testing.T, st Store, batches [][]analytics.Event) {
	ctx := context.Background()
	for i, b := range batches {
		if err := st.Insert(ctx, b); err != nil {
			t.Fatalf("insert batch %d: %v", i, err)
		}
	}
	if err := st.Insert(ctx, nil); err != nil {
		t.Fatalf("insert empty batch: %v", err)
	}
	for _, tc := range reportCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := st.CampaignReport(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if got.CampaignID != tc.q.Campaign || !got.From.Equal(tc.q.From) || !got.To.Equal(tc.q.To) {
				t.Errorf("report for %s [%s, %s), want %s [%s, %s)", got.CampaignID, got.From, got.To,
					tc.q.Campaign, tc.q.From, tc.q.To)
			}
			if g, w := rowsJSON(t, got.Rows), rowsJSON(t, tc.want); g != w {
				t.Errorf("rows:\n got %s\nwant %s", g, w)
			}
		})
	}
}

func testBadQueries(t *testing.T, st Store) {
	cases := []struct {
		name, wantErr string
		q             analytics.ReportQuery
	}{
		{"unknown key", `"planet"`, c1("city", "planet")},
		{"repeated key", `"city" given twice`, c1("city", "city")},
		{"no campaign", "no campaign", analytics.ReportQuery{From: from, To: to}},
		{"empty range", "not before", analytics.ReportQuery{Campaign: "c1", From: to, To: to}},
		{"reversed range", "not before", analytics.ReportQuery{Campaign: "c1", From: to, To: from}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := st.CampaignReport(context.Background(), tc.q)
			if !errors.Is(err, store.ErrBadQuery) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want ErrBadQuery naming %s", err, tc.wantErr)
			}
		})
	}
}

// testBadBatches checks that a batch with one bad event writes none of its
// events, and that the store still takes good batches afterwards.
func testBadBatches(t *testing.T, st Store) {
	ctx := context.Background()
	good := batches()[1]
	bad := func(mutate func(e *analytics.Event)) []analytics.Event {
		b := append([]analytics.Event(nil), good...)
		mutate(&b[len(b)-1])
		return b
	}
	cases := []struct {
		name, wantErr string
		batch         []analytics.Event
	}{
		{"no event id", "event 18: invalid event: no event_id", bad(func(e *analytics.Event) { e.ID = "" })},
		{"unknown type", `unknown type "click"`, bad(func(e *analytics.Event) { e.Type = "click" })},
		{"no time", "time 0001-01-01T00:00:00Z outside", bad(func(e *analytics.Event) { e.Time = time.Time{} })},
	}
	total := c1()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := st.Insert(ctx, tc.batch)
			if !errors.Is(err, store.ErrInvalidEvent) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want ErrInvalidEvent with %q", err, tc.wantErr)
			}
			got, err := st.CampaignReport(ctx, total)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := rowsJSON(t, got.Rows), rowsJSON(t, []analytics.ReportRow{row(nil, [7]int64{}, [3]float64{})}); g != w {
				t.Fatalf("a rejected batch was written: %s", g)
			}
		})
	}
	if err := st.Insert(ctx, good); err != nil {
		t.Fatalf("good batch after rejected ones: %v", err)
	}
	got, err := st.CampaignReport(ctx, total)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rows[0].Impressions != 5 {
		t.Fatalf("impressions after the good batch: %d, want 5", got.Rows[0].Impressions)
	}
}

func rowsJSON(t *testing.T, rows []analytics.ReportRow) string {
	t.Helper()
	b, err := json.Marshal(rows)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
