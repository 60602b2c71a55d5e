package sqlitestore

import (
	"context"
	"fmt"
	"strings"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/analytics/store"
)

// groupExpr maps a group key to the SQL giving its value as text. Times are
// Unix milliseconds, never negative (store.ValidateBatch), so integer
// division gives whole seconds.
var groupExpr = map[string]string{
	"hour":       "strftime('%Y-%m-%dT%H:00:00Z', time / 1000, 'unixepoch')",
	"day":        "strftime('%Y-%m-%d', time / 1000, 'unixepoch')",
	"local_hour": "CAST(local_hour AS TEXT)",
}

// metricsSQL are the store.Counts columns, in field order. Unique viewers
// count anonymous viewers by session.
var metricsSQL = func() string {
	count := func(t analytics.EventType) string {
		return "count(CASE WHEN type = '" + string(t) + "' THEN 1 END)"
	}
	return strings.Join([]string{
		count(analytics.Impression), count(analytics.Start), count(analytics.FirstQuartile),
		count(analytics.Midpoint), count(analytics.ThirdQuartile), count(analytics.Complete),
		"count(DISTINCT CASE WHEN type = 'impression' THEN coalesce(nullif(viewer, ''), session) END)",
		count(analytics.AvailFilled),
	}, ", ")
}()

// hourMillis is the bucket of the index events_campaign_hour.
const hourMillis = 3600000

var countedTypesSQL = func() string {
	var q []string
	for _, t := range store.CountedTypes {
		q = append(q, "'"+string(t)+"'")
	}
	return strings.Join(q, ", ")
}()

// CampaignReport reads one campaign's exact numbers over [q.From, q.To)
// from the deduplicated events table.
func (s *Store) CampaignReport(ctx context.Context, q analytics.ReportQuery) (*analytics.Report, error) {
	if err := store.ValidateQuery(q); err != nil {
		return nil, fmt.Errorf("sqlite report: %w", err)
	}
	query := reportSQL(q.GroupBy)
	from, to := store.BoundMillis(q.From), store.BoundMillis(q.To)
	rows, err := s.db.QueryContext(ctx, query, q.Campaign, from/hourMillis, (to-1)/hourMillis, from, to)
	if err != nil {
		return nil, fmt.Errorf("sqlite report %s: %w", q.Campaign, err)
	}
	defer rows.Close()
	var out []analytics.ReportRow
	values := make([]string, len(q.GroupBy))
	dest := make([]any, 0, len(q.GroupBy)+8)
	for i := range values {
		dest = append(dest, &values[i])
	}
	var c store.Counts
	dest = append(dest, &c.Impressions, &c.Starts, &c.FirstQuartiles, &c.Midpoints, &c.ThirdQuartiles,
		&c.Completes, &c.UniqueViewers, &c.AvailsFilled)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("sqlite report %s: %w", q.Campaign, err)
		}
		out = append(out, store.Row(q.GroupBy, values, c))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite report %s: %w", q.Campaign, err)
	}
	return store.Finish(q, out), nil
}

// reportSQL builds the query for validated group keys (only keys of
// analytics.GroupKeys reach here, so splicing them is safe).
func reportSQL(groupBy []string) string {
	var b strings.Builder
	b.WriteString("SELECT ")
	for i, k := range groupBy {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(expr(k))
	}
	if len(groupBy) > 0 {
		b.WriteString(", ")
	}
	b.WriteString(metricsSQL)
	// The hour bounds select from the index events_campaign_hour, whose
	// expression they must repeat; the time bounds cut the edge hours.
	b.WriteString(" FROM events WHERE campaign = ? AND time / 3600000 BETWEEN ? AND ? AND time >= ? AND time < ? AND type IN (")
	b.WriteString(countedTypesSQL)
	b.WriteString(")")
	for i := range groupBy {
		if i == 0 {
			b.WriteString(" GROUP BY ")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%d", i+1)
	}
	return b.String()
}

func expr(key string) string {
	if e, ok := groupExpr[key]; ok {
		return e
	}
	return key
}
