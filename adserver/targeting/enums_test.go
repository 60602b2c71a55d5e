package targeting

import (
	"testing"

	"github.com/adstitch/adstitch/analytics"
)

// daypartHours must agree with analytics.Daypart, which sessions use to
// fill campaign.Context.Daypart: every hour in exactly one daypart.
func TestDaypartHoursMatchAnalytics(t *testing.T) {
	for h := 0; h < 24; h++ {
		var in []string
		for _, d := range dayparts {
			if daypartHours[d]&(1<<h) != 0 {
				in = append(in, d)
			}
		}
		if len(in) != 1 || in[0] != analytics.Daypart(h) {
			t.Errorf("hour %d is in %v, analytics says %s", h, in, analytics.Daypart(h))
		}
	}
}

func TestHourRange(t *testing.T) {
	cases := []struct {
		from, to int
		want     uint32
	}{
		{0, 0, 1},
		{0, 23, allHours},
		{23, 23, 1 << 23},
		{22, 1, 1<<22 | 1<<23 | 1 | 2},
		{5, 4, allHours},
		{9, 11, 1<<9 | 1<<10 | 1<<11},
	}
	for _, tc := range cases {
		if got := hourRange(tc.from, tc.to); got != tc.want {
			t.Errorf("hourRange(%d, %d) = %024b, want %024b", tc.from, tc.to, got, tc.want)
		}
	}
}
