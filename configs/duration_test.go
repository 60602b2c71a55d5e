package configs

import (
	"testing"
	"time"
)

// durationCases drive TestParseDuration and seed FuzzParseDuration.
var durationCases = []struct {
	in   string
	want time.Duration
	err  string
}{
	{in: "30s", want: 30 * time.Second},
	{in: "1m30s", want: 90 * time.Second},
	{in: "24h", want: 24 * time.Hour},
	{in: "250ms", want: 250 * time.Millisecond},
	{in: "90", want: 90 * time.Second},
	{in: " 1.5 ", want: 1500 * time.Millisecond},
	{in: "-2", want: -2 * time.Second},
	{in: "0", want: 0},
	{in: "", err: `invalid duration "": want 30s, 1m30s or a number of seconds`},
	{in: "abc", err: `invalid duration "abc": want 30s, 1m30s or a number of seconds`},
	{in: "1d", err: `invalid duration "1d": want 30s, 1m30s or a number of seconds`},
	{in: "1e3", err: `invalid duration "1e3": want 30s, 1m30s or a number of seconds`},
	{in: "inf", err: `invalid duration "inf": want 30s, 1m30s or a number of seconds`},
	{in: "1.2.3", err: `invalid duration "1.2.3": want 30s, 1m30s or a number of seconds`},
	{in: "99999999999", err: `invalid duration "99999999999": out of range`},
}

func TestParseDuration(t *testing.T) {
	for _, tc := range durationCases {
		got, err := ParseDuration(tc.in)
		switch {
		case tc.err != "" && (err == nil || err.Error() != tc.err):
			t.Errorf("ParseDuration(%q) error = %v, want %s", tc.in, err, tc.err)
		case tc.err == "" && (err != nil || time.Duration(got) != tc.want):
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func FuzzParseDuration(f *testing.F) {
	for _, tc := range durationCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			return
		}
		again, err := ParseDuration(d.String())
		if err != nil || again != d {
			t.Fatalf("%q -> %v -> %v, %v", s, d, again, err)
		}
	})
}
