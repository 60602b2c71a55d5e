package spool

import (
	"sync"
	"time"
)

// logEvery spaces out repeated loud log lines.
const logEvery = 10 * time.Second

// throttle lets one log line through per interval and counts what it held
// back, so a flood of the same failure is one line with a number.
type throttle struct {
	every time.Duration
	mu    sync.Mutex
	last  time.Time
	held  int64
}

// allow adds n occurrences; when a line is due it returns the count since
// the last one.
func (t *throttle) allow(n int64) (int64, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.held += n
	now := time.Now()
	if !t.last.IsZero() && now.Sub(t.last) < t.every {
		return 0, false
	}
	count := t.held
	t.held, t.last = 0, now
	return count, true
}
