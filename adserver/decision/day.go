package decision

import (
	"sync/atomic"
	"time"
)

// utcDay is one UTC day: its bounds in unix ns and its counter key.
type utcDay struct {
	start, end int64
	key        string // "2006-01-02"
}

const dayNanos = int64(24 * time.Hour)

// dayCache remembers the last day asked for, so the hot path formats a
// day key once a day instead of once a request.
type dayCache struct{ last atomic.Pointer[utcDay] }

func (c *dayCache) day(t time.Time) *utcDay {
	ns := t.UnixNano()
	if d := c.last.Load(); d != nil && d.start <= ns && ns < d.end {
		return d
	}
	u := t.UTC()
	y, m, dd := u.Date()
	start := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
	d := &utcDay{start: start.UnixNano(), end: start.UnixNano() + dayNanos, key: start.Format(time.DateOnly)}
	c.last.Store(d)
	return d
}

// DayKey is the counters' day for t: its UTC date, "2006-01-02".
func DayKey(t time.Time) string { return t.UTC().Format(time.DateOnly) }
