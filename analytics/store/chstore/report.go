package chstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/store"
)

// groupExpr maps a group key to the SQL giving its value as a string, the
// same text sqlitestore gives. time is DateTime64(3, 'UTC'), so it formats
// in UTC.
var groupExpr = map[string]string{
	"hour":       "formatDateTime(time, '%Y-%m-%dT%H:00:00Z')",
	"day":        "formatDateTime(time, '%Y-%m-%d')",
	"local_hour": "toString(local_hour)",
}

// metricsSQL are the store.Counts columns, in field order. Unique viewers
// count anonymous viewers by session.
var metricsSQL = func() string {
	count := func(t analytics.EventType) string { return "countIf(type = '" + string(t) + "')" }
	return strings.Join([]string{
		count(analytics.Impression), count(analytics.Start), count(analytics.FirstQuartile),
		count(analytics.Midpoint), count(analytics.ThirdQuartile), count(analytics.Complete),
		"uniqExactIf(if(viewer = '', session, viewer), type = 'impression')",
		count(analytics.AvailFilled),
	}, ", ")
}()

var countedTypesSQL = func() string {
	var q []string
	for _, t := range store.CountedTypes {
		q = append(q, "'"+string(t)+"'")
	}
	return strings.Join(q, ", ")
}()

// CampaignReport reads one campaign's exact numbers over [q.From, q.To)
// from the raw events table with FINAL, so copies of an event not merged
// yet count once (the events_hourly rollup serves dashboards, not reports).
func (s *Store) CampaignReport(ctx context.Context, q analytics.ReportQuery) (*analytics.Report, error) {
	if err := store.ValidateQuery(q); err != nil {
		return nil, fmt.Errorf("clickhouse report: %w", err)
	}
	rows, err := s.conn.Query(ctx, reportSQL(q.GroupBy), q.Campaign, store.BoundMillis(q.From), store.BoundMillis(q.To))
	if err != nil {
		return nil, fmt.Errorf("clickhouse report %s: %w", q.Campaign, err)
	}
	defer rows.Close()
	var out []analytics.ReportRow
	values := make([]string, len(q.GroupBy))
	var counts [8]uint64
	dest := make([]any, 0, len(values)+len(counts))
	for i := range values {
		dest = append(dest, &values[i])
	}
	for i := range counts {
		dest = append(dest, &counts[i])
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("clickhouse report %s: %w", q.Campaign, err)
		}
		out = append(out, store.Row(q.GroupBy, values, store.Counts{
			Impressions: int64(counts[0]), Starts: int64(counts[1]), FirstQuartiles: int64(counts[2]),
			Midpoints: int64(counts[3]), ThirdQuartiles: int64(counts[4]), Completes: int64(counts[5]),
			UniqueViewers: int64(counts[6]), AvailsFilled: int64(counts[7]),
		}))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("clickhouse report %s: %w", q.Campaign, err)
	}
	return store.Finish(q, out), nil
}

// reportSQL builds the query for validated group keys (only keys of
// analytics.GroupKeys reach here, so splicing them is safe). Arguments:
// campaign, from and to in Unix milliseconds.
//
// WHERE must filter after FINAL has picked each event's surviving copy:
// the copies differ in time, so filtering first could count a copy that
// lost. optimize_move_to_prewhere_if_final = 0 (the default, pinned here)
// keeps the time and type conditions out of PREWHERE.
func reportSQL(groupBy []string) string {
	var b strings.Builder
	b.WriteString("SELECT ")
	for i, k := range groupBy {
		expr, ok := groupExpr[k]
		if !ok {
			expr = "toString(" + k + ")"
		}
		b.WriteString(expr + " AS g" + strconv.Itoa(i) + ", ")
	}
	b.WriteString(metricsSQL)
	b.WriteString(" FROM events FINAL WHERE campaign = ?" +
		" AND time >= fromUnixTimestamp64Milli(toInt64(?), 'UTC')" +
		" AND time < fromUnixTimestamp64Milli(toInt64(?), 'UTC')" +
		" AND type IN (" + countedTypesSQL + ")")
	for i := range groupBy {
		if i == 0 {
			b.WriteString(" GROUP BY ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString("g" + strconv.Itoa(i))
	}
	b.WriteString(" SETTINGS optimize_move_to_prewhere_if_final = 0")
	return b.String()
}
