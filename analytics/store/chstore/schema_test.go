package chstore

import (
	"strings"
	"testing"
	"time"

	chcolumn "github.com/ClickHouse/clickhouse-go/v2/lib/column"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/configs"
)

// These tests need no server: they check the Go side of the schema against
// configs/sql/clickhouse and the driver's column encoders.

func TestColumnsMatchSchema(t *testing.T) {
	body, err := configs.SQL.ReadFile("sql/clickhouse/0001_events.sql")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(body), "CREATE TABLE IF NOT EXISTS events\n(\n")
	table, _, ok2 := strings.Cut(table, "\n)\n")
	if !ok || !ok2 {
		t.Fatal("no CREATE TABLE events ( … ) in 0001_events.sql")
	}
	var got []column
	for _, line := range strings.Split(table, "\n") {
		name, typ, _ := strings.Cut(strings.TrimSpace(line), " ")
		got = append(got, column{name, strings.TrimSuffix(strings.TrimSpace(typ), ",")})
	}
	if len(got) != len(columns) {
		t.Fatalf("schema has %d columns, Go %d", len(got), len(columns))
	}
	for i := range columns {
		if got[i] != columns[i] {
			t.Errorf("column %d: schema %v, Go %v", i, got[i], columns[i])
		}
	}
}

func TestRowValuesEncode(t *testing.T) {
	events := []analytics.Event{
		{ID: "a", Type: analytics.Impression, Time: time.Date(2026, 11, 21, 9, 0, 0, 123456789, time.UTC),
			Source: analytics.SourceServer, Session: "s", Viewer: "v", Stream: "news", Avail: "b", Position: 2,
			Ad: "ad", Advertiser: "acme", Campaign: "c", Creative: "cr", Variant: "va", Country: "ES",
			Region: "MD", City: "Madrid", LocalHour: 23, Daypart: "night", Interests: []string{"x"},
			Device: "tv", UTCOffset: -300, Reason: "r"},
		{ID: "b", Type: analytics.Start, Time: time.Unix(0, 0)}, // zero values, nil interests
	}
	sc := &chcolumn.ServerContext{Timezone: time.UTC}
	for _, e := range events {
		vals := rowValues(&e)
		if len(vals) != len(columns) {
			t.Fatalf("%d values for %d columns", len(vals), len(columns))
		}
		for i, c := range columns {
			col, err := chcolumn.Type(c.chType).Column(c.name, sc)
			if err != nil {
				t.Fatalf("column %s %s: %v", c.name, c.chType, err)
			}
			if err := col.AppendRow(vals[i]); err != nil {
				t.Errorf("event %s column %s %s takes no %T: %v", e.ID, c.name, c.chType, vals[i], err)
			}
		}
	}
}

func TestDedupToken(t *testing.T) {
	a, b, c := analytics.Event{ID: "1"}, analytics.Event{ID: "2"}, analytics.Event{ID: "3"}
	tok := dedupToken([]analytics.Event{a, b})
	if got := dedupToken([]analytics.Event{b, a}); got != tok {
		t.Errorf("token depends on order: %s vs %s", got, tok)
	}
	for _, other := range [][]analytics.Event{{a}, {a, c}, {a, b, c}, {{ID: "1\x002"}}} {
		if dedupToken(other) == tok {
			t.Errorf("batch %v has the token of [1 2]", other)
		}
	}
}

func TestReportSQL(t *testing.T) {
	got := reportSQL([]string{"hour", "city", "local_hour"})
	for _, want := range []string{
		"SELECT formatDateTime(time, '%Y-%m-%dT%H:00:00Z') AS g0, toString(city) AS g1, toString(local_hour) AS g2, countIf(type = 'impression'),",
		"uniqExactIf(if(viewer = '', session, viewer), type = 'impression'), countIf(type = 'avail_filled') FROM events FINAL WHERE campaign = ?",
		" GROUP BY g0, g1, g2 SETTINGS optimize_move_to_prewhere_if_final = 0",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report SQL\n%s\nlacks\n%s", got, want)
		}
	}
	if total := reportSQL(nil); strings.Contains(total, "GROUP BY") || strings.Count(total, "?") != 3 {
		t.Errorf("total report SQL: %s", total)
	}
}

func TestIsIdentifier(t *testing.T) {
	for s, want := range map[string]bool{"adstitch": true, "ad_stitch_2": true, "_x": true, "": false,
		"2x": false, "a-b": false, "a`b": false, "a b": false} {
		if got := isIdentifier(s); got != want {
			t.Errorf("isIdentifier(%q) = %v", s, got)
		}
	}
}
