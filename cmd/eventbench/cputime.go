//go:build unix

package main

import (
	"syscall"
	"time"
)

// cpuUsed is the user + system CPU time this process (server, drain and
// clients alike) has used so far.
func cpuUsed() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
