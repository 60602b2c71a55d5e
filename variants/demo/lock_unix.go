//go:build unix

package demo

import (
	"context"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lockExcludes says lock keeps other processes out, so leftovers of
// other renders are safe to delete while holding it.
const lockExcludes = true

// lock takes an exclusive flock on path, polling so that ctx can cancel
// the wait. The lock dies with the process, so a crash never leaves it
// held.
func lock(ctx context.Context, path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock: %w", err)
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
				f.Close()
			}, nil
		}
		if err != syscall.EWOULDBLOCK && err != syscall.EINTR {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}
