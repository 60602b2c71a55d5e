package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/adstitch/adstitch/analytics"
)

func TestValidateQuery(t *testing.T) {
	q := func(campaign string, hours int, groupBy ...string) analytics.ReportQuery {
		return analytics.ReportQuery{Campaign: campaign, From: at, To: at.Add(time.Hour * time.Duration(hours)), GroupBy: groupBy}
	}
	cases := []struct {
		name    string
		q       analytics.ReportQuery
		wantErr string
	}{
		{"total", q("c", 1), ""},
		{"every key", q("c", 1, analytics.GroupKeys...), ""},
		{"unknown key", q("c", 1, "city", "planet"), `unknown group key "planet"`},
		{"key case matters", q("c", 1, "City"), `unknown group key "City"`},
		{"repeated key", q("c", 1, "hour", "day", "hour"), `group key "hour" given twice`},
		{"no campaign", q("", 1), "no campaign"},
		{"empty range", q("c", 0), "is not before"},
		{"reversed range", q("c", -1), "is not before"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateQuery(tc.q)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want ErrBadQuery with %q", err, tc.wantErr)
			}
		})
	}
}
