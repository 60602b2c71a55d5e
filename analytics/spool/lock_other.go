//go:build !unix

package spool

import (
	"fmt"
	"os"
	"runtime"
)

func lockDir(dir string) (*os.File, error) {
	return nil, fmt.Errorf("lock %s: spool needs flock, not available on %s", dir, runtime.GOOS)
}

func unlockDir(f *os.File) error { return nil }
