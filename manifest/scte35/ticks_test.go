package scte35

import (
	"math"
	"testing"
	"time"
)

func TestTicks(t *testing.T) {
	cases := []struct {
		d     time.Duration
		ticks uint64
	}{
		{0, 0},
		{-time.Second, 0},
		{time.Second, 90000},
		{15 * time.Second, 1350000},
		{30 * time.Second, 2700000},
		{11111, 1}, // 1 tick is 11111.1 ns
		{5555, 0},  // rounds down below half a tick
		{5556, 1},  // rounds up from half a tick
		{201467133333, 18132042},
		{26*time.Hour + 30*time.Minute, 8586000000}, // past 2^33 ticks
	}
	for _, c := range cases {
		if got := Ticks(c.d); got != c.ticks {
			t.Errorf("Ticks(%v) = %d, want %d", c.d, got, c.ticks)
		}
		if c.d >= 0 && c.d%time.Second == 0 {
			if got := TicksDuration(c.ticks); got != c.d {
				t.Errorf("TicksDuration(%d) = %v, want %v", c.ticks, got, c.d)
			}
		}
	}
	if got := Ticks(math.MaxInt64); got != 830103483316930 { // 9223372036854775807 * 9 / 100000, rounded
		t.Errorf("Ticks(MaxInt64) = %d", got)
	}
	if got := TicksDuration(math.MaxUint64); got != math.MaxInt64 {
		t.Errorf("TicksDuration(MaxUint64) = %d, want MaxInt64", got)
	}
	if got := TicksDuration(1); got != 11111 {
		t.Errorf("TicksDuration(1) = %d, want 11111", got)
	}
}

// TestTicksRoundTrip checks Ticks(TicksDuration(t)) == t over ranges at the
// bottom and top of the 33- and 40-bit fields.
func TestTicksRoundTrip(t *testing.T) {
	for _, start := range []uint64{0, 29 * 90000, maxPTS - 1000, maxSegDuration - 1000} {
		for tk := start; tk <= start+1000; tk++ {
			if got := Ticks(TicksDuration(tk)); got != tk {
				t.Fatalf("Ticks(TicksDuration(%d)) = %d", tk, got)
			}
		}
	}
}
