//go:build !linux

package sqlitestore

import "time"

type usage struct {
	cpu     time.Duration
	written int64
}

// currentUsage is not measured off Linux.
func currentUsage() (usage, bool) { return usage{}, false }
