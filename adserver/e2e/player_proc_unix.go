//go:build unix

package e2e

import (
	"os/exec"
	"syscall"
	"time"
)

// killProcessGroup makes cmd's cancellation kill its whole process group:
// node and the Chromium processes it started, not node alone.
func killProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	cmd.WaitDelay = 5 * time.Second
}
