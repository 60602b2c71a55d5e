package geo_test

import (
	"testing"
	"time"

	"github.com/adstitch/adstitch/adserver/geo"
)

func TestUTCOffset(t *testing.T) {
	winter := time.Date(2025, time.January, 15, 12, 0, 0, 0, time.UTC)
	summer := time.Date(2025, time.July, 15, 12, 0, 0, 0, time.UTC)
	// 2025-03-30 01:00 UTC Europe/Madrid switches from +60 to +120.
	beforeSwitch := time.Date(2025, time.March, 30, 0, 59, 0, 0, time.UTC)
	afterSwitch := time.Date(2025, time.March, 30, 1, 0, 0, 0, time.UTC)
	cases := []struct {
		tz   string
		at   time.Time
		want int16
		ok   bool
	}{
		{"Europe/Madrid", winter, 60, true},
		{"Europe/Madrid", summer, 120, true},
		{"Europe/Madrid", beforeSwitch, 60, true},
		{"Europe/Madrid", afterSwitch, 120, true},
		{"America/New_York", winter, -300, true},
		{"America/New_York", summer, -240, true},
		{"Asia/Kolkata", summer, 330, true},
		{"Asia/Kathmandu", winter, 345, true},
		{"Australia/Lord_Howe", winter, 660, true}, // half-hour DST
		{"Australia/Lord_Howe", summer, 630, true},
		{"UTC", summer, 0, true},
		{"Etc/GMT+5", summer, -300, true},
		{"", summer, 0, false},
		{"Local", summer, 0, false},
		{"Mars/Olympus_Mons", summer, 0, false},
		{"../../etc/passwd", summer, 0, false},
	}
	for _, tc := range cases {
		for range 2 { // second call hits the zone cache
			got, ok := geo.UTCOffset(tc.tz, tc.at)
			if got != tc.want || ok != tc.ok {
				t.Errorf("UTCOffset(%q, %s) = %d, %v; want %d, %v", tc.tz, tc.at, got, ok, tc.want, tc.ok)
			}
		}
	}
}
