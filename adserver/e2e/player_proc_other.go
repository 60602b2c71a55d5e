//go:build !unix

package e2e

import (
	"os/exec"
	"time"
)

// killProcessGroup only bounds the wait where process groups do not exist.
func killProcessGroup(cmd *exec.Cmd) {
	cmd.WaitDelay = 5 * time.Second
}
