package decision

import "math"

// pacing is where an even campaign stands against its schedule. The
// schedule is the impression goal spread evenly over the flight when the
// campaign has a goal and a bounded flight, else the daily cap spread
// over the UTC day, else none (asap campaigns have none either).
//
// behind is (expected - delivered) / target: the fraction of its target a
// campaign still owes its schedule, comparable between small and large
// campaigns; the fill takes those furthest behind first. A campaign at or
// beyond expected + slack is ahead and sits this break out (reason
// "pacing"); slack (1% of the target, at least one impression) lets
// delivery start at the top of a flight or day and absorbs counter lag.
func pacing(c *compiled, total, today int64, now int64, day *utcDay) (behind float64, ahead bool) {
	if !c.even {
		return 0, false
	}
	var target, delivered int64
	var elapsed float64
	switch {
	case c.goal > 0 && c.start != math.MinInt64 && c.end != math.MaxInt64:
		target, delivered = c.goal, total
		elapsed = float64(now-c.start) / float64(c.end-c.start)
	case c.dailyCap > 0:
		target, delivered = c.dailyCap, today
		elapsed = float64(now-day.start) / float64(dayNanos)
	default:
		return 0, false
	}
	expected := float64(target) * elapsed
	slack := max(1, float64(target)/100)
	if float64(delivered) >= expected+slack {
		return 0, true
	}
	return (expected - float64(delivered)) / float64(target), false
}
