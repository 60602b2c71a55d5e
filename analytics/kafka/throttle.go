package kafka

import (
	"log/slog"
	"sync"
	"time"
)

// throttledLog logs at most one line per interval and reports how many it
// held back, so a flood of bad records cannot flood the log.
type throttledLog struct {
	log      *slog.Logger
	interval time.Duration

	mu         sync.Mutex
	last       time.Time
	suppressed int
}

func (t *throttledLog) Warn(msg string, args ...any) {
	t.mu.Lock()
	now := time.Now()
	if now.Sub(t.last) < t.interval {
		t.suppressed++
		t.mu.Unlock()
		return
	}
	t.last = now
	suppressed := t.suppressed
	t.suppressed = 0
	t.mu.Unlock()
	if suppressed > 0 {
		args = append(args, "suppressed", suppressed)
	}
	t.log.Warn(msg, args...)
}
