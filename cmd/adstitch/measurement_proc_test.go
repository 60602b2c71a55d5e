//go:build unix

package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"
)

// buildAdstitch builds this package's binary into dir, or skips the test
// when there is no go tool to build it with.
func buildAdstitch(t *testing.T, dir string) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(runtime.GOROOT(), "bin", "go")
		if _, err := os.Stat(gobin); err != nil {
			t.Skip("no go tool on PATH or in GOROOT to build the adstitch binary")
		}
	}
	bin := filepath.Join(dir, "adstitch")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, gobin, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// child is an adstitch process in its own process group, its stderr kept
// in a file the test prints when it fails.
type child struct {
	name    string
	cmd     *exec.Cmd
	logPath string
	done    chan struct{} // closed when the process has exited
	waitErr error
	killed  sync.Once
}

// startChild runs bin with args; t.Cleanup kills it if it still runs, and
// prints its log when the test failed.
func startChild(t *testing.T, bin, name, logPath string, args ...string) *child {
	t.Helper()
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		logf.Close()
		t.Fatalf("start %s: %v", name, err)
	}
	c := &child{name: name, cmd: cmd, logPath: logPath, done: make(chan struct{})}
	go func() {
		c.waitErr = cmd.Wait()
		logf.Close()
		close(c.done)
	}()
	t.Cleanup(func() {
		c.kill(t)
		if t.Failed() {
			c.printLog(t)
		}
	})
	return c
}

// kill sends SIGKILL to the child's process group and waits for it.
func (c *child) kill(t *testing.T) {
	t.Helper()
	c.killed.Do(func() {
		if err := syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL); err != nil && !c.exited() {
			t.Errorf("kill %s: %v", c.name, err)
		}
	})
	select {
	case <-c.done:
	case <-time.After(10 * time.Second):
		t.Errorf("%s did not exit 10s after SIGKILL", c.name)
	}
}

// exited reports whether the process has ended.
func (c *child) exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// printLog logs the last 8 KiB of the child's output.
func (c *child) printLog(t *testing.T) {
	b, err := os.ReadFile(c.logPath)
	if err != nil {
		t.Logf("%s log: %v", c.name, err)
		return
	}
	if len(b) > 8<<10 {
		b = b[len(b)-8<<10:]
	}
	t.Logf("%s (%s) exit %v, last output:\n%s", c.name, c.logPath, c.waitErr, bytes.TrimSpace(b))
}

// waitHealthy polls base/healthz until it answers 200, failing when the
// process exits or timeout passes.
func waitHealthy(t *testing.T, c *child, base string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: time.Second}
	for {
		resp, err := client.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if c.exited() {
			t.Fatalf("%s exited before it was healthy: %v", c.name, c.waitErr)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not healthy after %s: %v", c.name, timeout, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
