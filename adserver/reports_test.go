package adserver

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/store/sqlitestore"
)

func TestCampaignReportEndpoint(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	st, err := sqlitestore.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Date(2026, 11, 21, 9, 15, 0, 0, time.UTC)
	var evs []analytics.Event
	for i, city := range []string{"Madrid", "Madrid", "Madrid", "Barcelona"} {
		sess := string(rune('a' + i))
		for _, typ := range []analytics.EventType{analytics.Impression, analytics.Start, analytics.FirstQuartile,
			analytics.Midpoint, analytics.ThirdQuartile, analytics.Complete} {
			evs = append(evs, analytics.Event{ID: analytics.EventID(sess, "pre", 0, "spot", typ), Type: typ, Time: at,
				Source: analytics.SourceServer, Session: sess, Viewer: "v" + sess, Stream: "show", Avail: "pre",
				Ad: "spot", Campaign: "c1", City: city, LocalHour: 10, Daypart: "morning"})
		}
	}
	if err := st.Insert(context.Background(), evs); err != nil {
		t.Fatal(err)
	}
	ts := startServerWith(t, o, "",
		func(d *Deps) { d.Reports = st })
	report := func(query, key string) (int, http.Header, string) {
		req, _ := http.NewRequest(http.MethodGet, ts.url+"/v1/reports/campaigns/c1"+query, nil)
		if key != "" {
			req.Header.Set("Authorization", "Bearer "+key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := resp.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		return resp.StatusCode, resp.Header, b.String()
	}
	q := "?from=2026-11-21&to=2026-11-22&group_by=city"
	code, _, body := report(q, "analyst-key-0123456789")
	if code != 200 {
		t.Fatalf("= %d %s", code, body)
	}
	var rep struct {
		CampaignID string           `json:"campaign_id"`
		Rows       []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal([]byte(body), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.CampaignID != "c1" || len(rep.Rows) != 2 {
		t.Fatalf("report %s", body)
	}
	madrid := rep.Rows[1]
	if madrid["city"] != "Madrid" || madrid["impressions"] != 3.0 || madrid["completes"] != 3.0 ||
		madrid["completion_rate"] != 1.0 || madrid["unique_viewers"] != 3.0 || madrid["avg_frequency"] != 1.0 {
		t.Fatalf("Madrid row %v", madrid)
	}
	code, hdr, csv := report(q+"&format=csv", "analyst-key-0123456789")
	if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") ||
		!strings.HasPrefix(csv, "city,impressions,starts,first_quartiles") || !strings.Contains(csv, "\nMadrid,3,3,3,3,3,3,1,3,1,0\n") {
		t.Fatalf("csv = %d %q", code, csv)
	}
	for _, tc := range []struct {
		query, key string
		status     int
		code       string
	}{
		{q, "", 401, "unauthorized"},
		{q, "service-key-0123456789", 401, "unauthorized"},
		{"?group_by=colour", "analyst-key-0123456789", 400, "invalid_query"},
		{"?from=yesterday", "analyst-key-0123456789", 400, "invalid_query"},
		{"?from=2026-11-22&to=2026-11-21", "analyst-key-0123456789", 400, "invalid_query"},
		{"?format=xml", "analyst-key-0123456789", 400, "invalid_query"},
	} {
		code, _, body := report(tc.query, tc.key)
		var e apiError
		if code != tc.status || json.Unmarshal([]byte(body), &e) != nil || e.Code != tc.code {
			t.Errorf("%s key=%q: %d %s, want %d %s", tc.query, tc.key, code, body, tc.status, tc.code)
		}
	}
}

func TestMetricsEndpoint(t *testing.T) {
	o := newFakeOrigin(t)
	seedOrigin(o)
	ts := startServerWith(t, o, "", func(d *Deps) {
		d.Metrics = []MetricsWriter{func(w *bytes.Buffer) { w.WriteString("adstitch_spool_pending_events 7\n") }}
	})
	code, hdr, body := get(t, ts.url+"/metrics")
	if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/plain") || !strings.HasSuffix(body, "\nadstitch_spool_pending_events 7\n") {
		t.Fatalf("= %d %q %q", code, hdr.Get("Content-Type"), body)
	}
}
