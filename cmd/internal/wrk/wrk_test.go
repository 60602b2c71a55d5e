package wrk

import (
	"testing"
	"time"
)

// TestParseDuration covers every unit wrk prints and what it never does.
func TestParseDuration(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration
		err  bool
	}{
		{in: "0.00us", want: 0},
		{in: "156.00us", want: 156 * time.Microsecond},
		{in: "517.92us", want: 517920 * time.Nanosecond},
		{in: "0.89ms", want: 890 * time.Microsecond},
		{in: "0.98ms", want: 980 * time.Microsecond},
		{in: "1.50s", want: 1500 * time.Millisecond},
		{in: "2.17s", want: 2170 * time.Millisecond},
		{in: "1.50m", want: 90 * time.Second},
		{in: "2.00m", want: 2 * time.Minute},
		{in: "1.00h", want: time.Hour},
		{in: "ms", err: true},
		{in: "-1.00ms", err: true},
		{in: "1.00", err: true},
		{in: "infs", err: true},
	} {
		got, err := ParseDuration(c.in)
		if (err != nil) != c.err || got != c.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v, err %v", c.in, got, err, c.want, c.err)
		}
	}
}
