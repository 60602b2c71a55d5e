package storetest

import (
	"time"

	"github.com/adstitch/adstitch/analytics"
)

// reportCase is a query over the fixture and the rows it must give.
type reportCase struct {
	name string
	q    analytics.ReportQuery
	want []analytics.ReportRow
}

var (
	from = mustTime("2026-11-21T00:00:00Z")
	to   = mustTime("2026-11-23T00:00:00Z")
)

func c1(groupBy ...string) analytics.ReportQuery {
	return analytics.ReportQuery{Campaign: "c1", From: from, To: to, GroupBy: groupBy}
}

// counts are impressions, starts, first quartiles, midpoints, third
// quartiles, completes, unique viewers; rates are completion rate, average
// frequency, fill rate.
func row(keys []string, counts [7]int64, rates [3]float64) analytics.ReportRow {
	m := map[string]string{}
	for i := 0; i+1 < len(keys); i += 2 {
		m[keys[i]] = keys[i+1]
	}
	return analytics.ReportRow{Keys: m, Impressions: counts[0], Starts: counts[1], FirstQuartiles: counts[2],
		Midpoints: counts[3], ThirdQuartiles: counts[4], Completes: counts[5], UniqueViewers: counts[6],
		CompletionRate: rates[0], AvgFrequency: rates[1], FillRate: rates[2]}
}

func kv(pairs ...string) []string { return pairs }

var reportCases = []reportCase{
	{"total", c1(), []analytics.ReportRow{
		row(nil, [7]int64{6, 5, 2, 2, 2, 3, 4}, [3]float64{0.5, 1.5, 0.8571}),
	}},
	{"variant", c1("variant"), []analytics.ReportRow{
		row(kv("variant", "va"), [7]int64{4, 3, 1, 1, 1, 2, 2}, [3]float64{0.5, 2, 1}),
		row(kv("variant", "vb"), [7]int64{2, 2, 1, 1, 1, 1, 2}, [3]float64{0.5, 1, 0.6667}),
	}},
	{"city ignores events of other types", c1("city"), []analytics.ReportRow{
		row(kv("city", "Lyon"), [7]int64{2, 2, 1, 1, 1, 1, 2}, [3]float64{0.5, 1, 0.6667}),
		row(kv("city", "Madrid"), [7]int64{4, 3, 1, 1, 1, 2, 2}, [3]float64{0.5, 2, 1}),
	}},
	{"hour", c1("hour"), []analytics.ReportRow{
		row(kv("hour", "2026-11-21T00:00:00Z"), [7]int64{1, 0, 0, 0, 0, 0, 1}, [3]float64{0, 1, 1}),
		row(kv("hour", "2026-11-21T09:00:00Z"), [7]int64{3, 2, 1, 1, 1, 1, 3}, [3]float64{0.3333, 1, 1}),
		row(kv("hour", "2026-11-21T10:00:00Z"), [7]int64{1, 2, 1, 1, 1, 2, 1}, [3]float64{2, 1, 0.5}),
		row(kv("hour", "2026-11-22T08:00:00Z"), [7]int64{1, 1, 0, 0, 0, 0, 1}, [3]float64{0, 1, 1}),
	}},
	{"day", c1("day"), []analytics.ReportRow{
		row(kv("day", "2026-11-21"), [7]int64{5, 4, 2, 2, 2, 3, 3}, [3]float64{0.6, 1.6667, 0.8333}),
		row(kv("day", "2026-11-22"), [7]int64{1, 1, 0, 0, 0, 0, 1}, [3]float64{0, 1, 1}),
	}},
	{"local hour sorts numerically", c1("local_hour"), []analytics.ReportRow{
		row(kv("local_hour", "1"), [7]int64{1, 0, 0, 0, 0, 0, 1}, [3]float64{0, 1, 1}),
		row(kv("local_hour", "9"), [7]int64{1, 1, 0, 0, 0, 0, 1}, [3]float64{0, 1, 1}),
		row(kv("local_hour", "10"), [7]int64{3, 2, 1, 1, 1, 1, 3}, [3]float64{0.3333, 1, 1}),
		row(kv("local_hour", "11"), [7]int64{1, 2, 1, 1, 1, 2, 1}, [3]float64{2, 1, 0.5}),
	}},
	{"daypart", c1("daypart"), []analytics.ReportRow{
		row(kv("daypart", "morning"), [7]int64{5, 5, 2, 2, 2, 3, 4}, [3]float64{0.6, 1.25, 0.8333}),
		row(kv("daypart", "night"), [7]int64{1, 0, 0, 0, 0, 0, 1}, [3]float64{0, 1, 1}),
	}},
	{"variant and hour", c1("variant", "hour"), []analytics.ReportRow{
		row(kv("variant", "va", "hour", "2026-11-21T00:00:00Z"), [7]int64{1, 0, 0, 0, 0, 0, 1}, [3]float64{0, 1, 1}),
		row(kv("variant", "va", "hour", "2026-11-21T09:00:00Z"), [7]int64{2, 2, 1, 1, 1, 1, 2}, [3]float64{0.5, 1, 1}),
		row(kv("variant", "va", "hour", "2026-11-21T10:00:00Z"), [7]int64{1, 1, 0, 0, 0, 1, 1}, [3]float64{1, 1, 1}),
		row(kv("variant", "vb", "hour", "2026-11-21T09:00:00Z"), [7]int64{1, 0, 0, 0, 0, 0, 1}, [3]float64{0, 1, 1}),
		row(kv("variant", "vb", "hour", "2026-11-21T10:00:00Z"), [7]int64{0, 1, 1, 1, 1, 1, 0}, [3]float64{0, 0, 0}),
		row(kv("variant", "vb", "hour", "2026-11-22T08:00:00Z"), [7]int64{1, 1, 0, 0, 0, 0, 1}, [3]float64{0, 1, 1}),
	}},
	{"city and device", c1("city", "device"), []analytics.ReportRow{
		row(kv("city", "Lyon", "device", "mobile"), [7]int64{0, 0, 0, 0, 0, 0, 0}, [3]float64{0, 0, 0}),
		row(kv("city", "Lyon", "device", "tv"), [7]int64{2, 2, 1, 1, 1, 1, 2}, [3]float64{0.5, 1, 1}),
		row(kv("city", "Madrid", "device", "mobile"), [7]int64{2, 1, 0, 0, 0, 0, 1}, [3]float64{0, 2, 1}),
		row(kv("city", "Madrid", "device", "tv"), [7]int64{2, 2, 1, 1, 1, 2, 1}, [3]float64{1, 2, 1}),
	}},
	{"country, ad, creative, stream", c1("country", "ad", "creative", "stream"), []analytics.ReportRow{
		row(kv("country", "ES", "ad", "ad1", "creative", "cr1", "stream", "news"), [7]int64{4, 3, 1, 1, 1, 2, 2}, [3]float64{0.5, 2, 1}),
		row(kv("country", "FR", "ad", "ad2", "creative", "cr2", "stream", "news"), [7]int64{2, 2, 1, 1, 1, 1, 2}, [3]float64{0.5, 1, 0.6667}),
	}},
	{"one hour: a duplicate counts where its server copy is", analytics.ReportQuery{Campaign: "c1",
		From: mustTime("2026-11-21T10:00:00Z"), To: mustTime("2026-11-21T11:00:00Z"), GroupBy: []string{"variant"}},
		[]analytics.ReportRow{
			row(kv("variant", "va"), [7]int64{1, 1, 0, 0, 0, 1, 1}, [3]float64{1, 1, 1}),
			row(kv("variant", "vb"), [7]int64{0, 1, 1, 1, 1, 1, 0}, [3]float64{0, 0, 0}),
		}},
	{"range end excluded, start included", analytics.ReportQuery{Campaign: "c1",
		From: mustTime("2026-11-20T23:59:59.999Z"), To: mustTime("2026-11-21T00:00:00.001Z")},
		[]analytics.ReportRow{
			row(nil, [7]int64{2, 0, 0, 0, 0, 0, 2}, [3]float64{0, 1, 2}),
		}},
	{"all time", analytics.ReportQuery{Campaign: "c1", To: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)},
		[]analytics.ReportRow{
			row(nil, [7]int64{8, 5, 2, 2, 2, 3, 4}, [3]float64{0.375, 2, 1.1429}),
		}},
	{"other campaign", analytics.ReportQuery{Campaign: "c2", From: from, To: to, GroupBy: []string{"variant", "city"}},
		[]analytics.ReportRow{
			row(kv("variant", "vz", "city", "Madrid"), [7]int64{1, 0, 0, 0, 0, 0, 1}, [3]float64{0, 1, 1}),
		}},
	{"unknown campaign: one zero total", analytics.ReportQuery{Campaign: "nope", From: from, To: to},
		[]analytics.ReportRow{row(nil, [7]int64{}, [3]float64{})}},
	{"unknown campaign grouped: no rows", analytics.ReportQuery{Campaign: "nope", From: from, To: to,
		GroupBy: []string{"hour"}}, []analytics.ReportRow{}},
	{"from the end of the range: the event at To", analytics.ReportQuery{Campaign: "c1", From: to, To: to.Add(time.Hour)},
		[]analytics.ReportRow{row(nil, [7]int64{1, 0, 0, 0, 0, 0, 1}, [3]float64{0, 1, 0})}},
}
