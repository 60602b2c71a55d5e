//go:build unix

package main

import (
	"syscall"
	"time"
)

// cpuUsed is the CPU time (user + system) of this process and of its
// finished children (ffmpeg, ffprobe, espeak-ng). On a busy 2-core box
// its growth over a run moves far less than wall time.
func cpuUsed() time.Duration {
	var self, children syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &self) != nil || syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children) != nil {
		return 0
	}
	return time.Duration(self.Utime.Nano() + self.Stime.Nano() + children.Utime.Nano() + children.Stime.Nano())
}
