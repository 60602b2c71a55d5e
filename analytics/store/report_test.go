package store

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/adstitch/adstitch/analytics"
)

func TestRow(t *testing.T) {
	cases := []struct {
		name string
		c    Counts
		want string
	}{
		{"zero", Counts{},
			`{"impressions":0,"starts":0,"first_quartiles":0,"midpoints":0,"third_quartiles":0,"completes":0,"completion_rate":0,"unique_viewers":0,"avg_frequency":0,"fill_rate":0}`},
		{"rates rounded to 4 decimals", Counts{Impressions: 6, Starts: 5, FirstQuartiles: 4, Midpoints: 3, ThirdQuartiles: 2, Completes: 2, UniqueViewers: 7, AvailsFilled: 7},
			`{"impressions":6,"starts":5,"first_quartiles":4,"midpoints":3,"third_quartiles":2,"completes":2,"completion_rate":0.3333,"unique_viewers":7,"avg_frequency":0.8571,"fill_rate":0.8571}`},
		{"half rounds up", Counts{Impressions: 32, Completes: 1, UniqueViewers: 3, AvailsFilled: 64},
			`{"impressions":32,"starts":0,"first_quartiles":0,"midpoints":0,"third_quartiles":0,"completes":1,"completion_rate":0.0313,"unique_viewers":3,"avg_frequency":10.6667,"fill_rate":0.5}`},
		{"completes without impressions", Counts{Completes: 3, AvailsFilled: 2},
			`{"impressions":0,"starts":0,"first_quartiles":0,"midpoints":0,"third_quartiles":0,"completes":3,"completion_rate":0,"unique_viewers":0,"avg_frequency":0,"fill_rate":0}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(Row(nil, nil, tc.c))
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tc.want {
				t.Errorf("got  %s\nwant %s", b, tc.want)
			}
		})
	}
}

func TestFinish(t *testing.T) {
	row := func(kv ...string) analytics.ReportRow {
		var keys, values []string
		for i := 0; i < len(kv); i += 2 {
			keys, values = append(keys, kv[i]), append(values, kv[i+1])
		}
		return Row(keys, values, Counts{})
	}
	q := analytics.ReportQuery{Campaign: "c", From: at, GroupBy: []string{"local_hour", "city"}}
	got := Finish(q, []analytics.ReportRow{
		row("local_hour", "10", "city", "Lyon"),
		row("local_hour", "9", "city", "Madrid"),
		row("local_hour", "10", "city", "Aachen"),
		row("local_hour", "0", "city", "Lyon"),
	})
	var order []string
	for _, r := range got.Rows {
		order = append(order, r.Keys["local_hour"]+"/"+r.Keys["city"])
	}
	want := "0/Lyon 9/Madrid 10/Aachen 10/Lyon"
	if s := strings.Join(order, " "); s != want {
		t.Errorf("order %s, want %s", s, want)
	}
	if got.CampaignID != "c" || !got.From.Equal(at) {
		t.Errorf("report header %+v", got)
	}

	total := Finish(analytics.ReportQuery{Campaign: "c"}, nil)
	if len(total.Rows) != 1 || total.Rows[0].Keys == nil || len(total.Rows[0].Keys) != 0 {
		t.Errorf("empty total: %+v, want one row with empty keys", total.Rows)
	}
	grouped := Finish(analytics.ReportQuery{Campaign: "c", GroupBy: []string{"city"}}, nil)
	if grouped.Rows == nil || len(grouped.Rows) != 0 {
		t.Errorf("empty grouped: %#v, want an empty non-nil slice", grouped.Rows)
	}
}
