package vast

import (
	"testing"
	"time"
)

func TestFormatDuration(t *testing.T) {
	for _, tc := range []struct {
		in   time.Duration
		want string
	}{
		{0, "00:00:00.000"},
		{30 * time.Second, "00:00:30.000"},
		{10*time.Second + 500*time.Millisecond, "00:00:10.500"},
		{29*time.Second + 999600*time.Microsecond, "00:00:30.000"},
		{time.Millisecond + 400*time.Microsecond, "00:00:00.001"},
		{90*time.Minute + 5*time.Second + 7*time.Millisecond, "01:30:05.007"},
		{maxDuration, "23:59:59.999"},
	} {
		if got := formatDuration(tc.in); got != tc.want {
			t.Errorf("formatDuration(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		bad  bool
	}{
		{in: "00:00:30", want: 30 * time.Second},
		{in: "00:00:30.000", want: 30 * time.Second},
		{in: " 00:00:30.5\n", want: 30*time.Second + 500*time.Millisecond},
		{in: "0:01:02.25", want: time.Minute + 2*time.Second + 250*time.Millisecond},
		{in: "01:00:00", want: time.Hour},
		{in: "99:59:59", want: 99*time.Hour + 59*time.Minute + 59*time.Second},
		{in: "00:00:01.1234567891234", want: time.Second + 123456789*time.Nanosecond},
		{in: "", bad: true},
		{in: "30", bad: true},
		{in: "00:30", bad: true},
		{in: "00:00:30.", bad: true},
		{in: "00:00:3", bad: true},
		{in: "000:00:30", bad: true},
		{in: "00:60:00", bad: true},
		{in: "00:00:60", bad: true},
		{in: "-0:00:30", bad: true},
		{in: "00:00:30.5x", bad: true},
		{in: "00:+1:30", bad: true},
		{in: "aa:bb:cc", bad: true},
		{in: "00:00:30:000", bad: true},
	} {
		got, err := parseDuration(tc.in)
		switch {
		case tc.bad && err == nil:
			t.Errorf("parseDuration(%q) = %v, want an error", tc.in, got)
		case !tc.bad && (err != nil || got != tc.want):
			t.Errorf("parseDuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestValidOffset(t *testing.T) {
	for in, want := range map[string]bool{
		"00:00:05": true, "00:00:05.000": true, "01:59:59.999": true, "0%": true, "25%": true, "100%": true, "12.5%": true,
		"": false, "5": false, "5s": false, "0:00:05": false, "00:00:05.5": false, "00:60:00": false,
		"101%": false, "1000%": false, "%": false, "5.%": false, "-5%": false, "a%": false,
	} {
		if got := validOffset(in); got != want {
			t.Errorf("validOffset(%q) = %v, want %v", in, got, want)
		}
	}
}
