package scte35

import (
	"math"
	"time"
)

// 90 kHz ticks: 9 ticks per 100,000 ns. Both conversions split the value to
// stay exact and free of overflow, and round to the nearest unit, so
// Ticks(TicksDuration(t)) == t for every t below 2^40.

// Ticks converts d to 90 kHz ticks, rounded to the nearest tick; a negative
// d gives 0.
func Ticks(d time.Duration) uint64 {
	if d <= 0 {
		return 0
	}
	ns := uint64(d)
	return ns/100000*9 + (ns%100000*9+50000)/100000
}

// TicksDuration converts 90 kHz ticks to a duration, rounded to the nearest
// nanosecond and capped at the largest time.Duration.
func TicksDuration(t uint64) time.Duration {
	const maxTicks = math.MaxInt64 / 100000 * 9
	if t >= maxTicks {
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(t/9*100000 + (t%9*100000+4)/9)
}
