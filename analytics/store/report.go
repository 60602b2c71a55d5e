package store

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/adstitch/adstitch/analytics"
)

// Counts are the exact numbers a store's report query returns for one
// group; Row derives the rates from them the same way for every store.
type Counts struct {
	Impressions    int64
	Starts         int64
	FirstQuartiles int64
	Midpoints      int64
	ThirdQuartiles int64
	Completes      int64
	UniqueViewers  int64 // distinct viewers (or sessions) among impressions
	AvailsFilled   int64 // avail_filled events
}

// Row is the report row of one group. values are the group's values in the
// order of groupBy.
func Row(groupBy, values []string, c Counts) analytics.ReportRow {
	keys := make(map[string]string, len(groupBy))
	for i, k := range groupBy {
		keys[k] = values[i]
	}
	return analytics.ReportRow{
		Keys:           keys,
		Impressions:    c.Impressions,
		Starts:         c.Starts,
		FirstQuartiles: c.FirstQuartiles,
		Midpoints:      c.Midpoints,
		ThirdQuartiles: c.ThirdQuartiles,
		Completes:      c.Completes,
		CompletionRate: ratio(c.Completes, c.Impressions),
		UniqueViewers:  c.UniqueViewers,
		AvgFrequency:   ratio(c.Impressions, c.UniqueViewers),
		FillRate:       ratio(c.Impressions, c.AvailsFilled),
	}
}

// ratio is n/d rounded to 4 decimals, 0 when d is 0.
func ratio(n, d int64) float64 {
	if d == 0 {
		return 0
	}
	return math.Round(float64(n)/float64(d)*1e4) / 1e4
}

// Finish puts rows in report order and makes an empty GroupBy give exactly
// one (total) row even when nothing matched. Rows are ordered by their
// group values in GroupBy order: "local_hour" numerically, the others as
// strings (hours and days sort as times).
func Finish(q analytics.ReportQuery, rows []analytics.ReportRow) *analytics.Report {
	if len(q.GroupBy) == 0 && len(rows) == 0 {
		rows = append(rows, Row(nil, nil, Counts{}))
	}
	if rows == nil {
		rows = []analytics.ReportRow{}
	}
	slices.SortFunc(rows, func(a, b analytics.ReportRow) int {
		for _, k := range q.GroupBy {
			if c := compareKey(k, a.Keys[k], b.Keys[k]); c != 0 {
				return c
			}
		}
		return 0
	})
	return &analytics.Report{CampaignID: q.Campaign, From: q.From, To: q.To, Rows: rows}
}

func compareKey(key, a, b string) int {
	if key == "local_hour" {
		x, errA := strconv.Atoi(a)
		y, errB := strconv.Atoi(b)
		if errA == nil && errB == nil {
			return cmp.Compare(x, y)
		}
	}
	return cmp.Compare(a, b)
}
