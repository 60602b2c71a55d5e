package sqlitestore

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
	"time"
)

// usage is what this process spent: CPU time (user and system) and bytes
// passed to write calls (WAL, checkpoints, the database file).
type usage struct {
	cpu     time.Duration
	written int64
}

func currentUsage() (usage, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return usage{}, false
	}
	io, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return usage{}, false
	}
	_, rest, ok := bytes.Cut(io, []byte("wchar: "))
	line, _, _ := bytes.Cut(rest, []byte("\n"))
	written, err := strconv.ParseInt(string(line), 10, 64)
	if !ok || err != nil {
		return usage{}, false
	}
	return usage{cpu: time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), written: written}, true
}
