//go:build unix

package demo

import (
	"syscall"
	"time"
)

// childrenCPU returns the CPU time used so far by waited-for child
// processes (ffmpeg, ffprobe), so tests can report what rendering costs
// independently of how busy the machine is.
func childrenCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
