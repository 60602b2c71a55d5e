package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os/exec"
	"strconv"
	"time"
)

// ErrNoWrk means -load wrk was asked for and wrk is not on PATH.
var ErrNoWrk = errors.New("wrk is not installed (Debian: apt-get install wrk)")

// wrkOptions are wrk's load settings.
type wrkOptions struct {
	threads, conns int
}

// String is how the load reads in the report: "wrk -t1 -c64".
func (o wrkOptions) String() string {
	return "wrk -t" + strconv.Itoa(o.threads) + " -c" + strconv.Itoa(o.conns)
}

// wrkSeconds is the duration wrk runs: it takes whole seconds.
func wrkSeconds(d time.Duration) int { return max(1, int(math.Ceil(d.Seconds()))) }

// findWrk returns the path of the wrk binary.
func findWrk() (string, error) {
	path, err := exec.LookPath("wrk")
	if err != nil {
		return "", ErrNoWrk
	}
	return path, nil
}

// wrkRun is one finished wrk process: its report and the CPU it used.
type wrkRun struct {
	report wrkReport
	cpu    time.Duration
}

// runWrk runs wrk with the beacon script against url and parses its
// report. Judging the numbers (non-2xx, lost events) is the caller's.
func runWrk(ctx context.Context, bin string, o wrkOptions, d time.Duration, script, tokensFile, url string) (wrkRun, error) {
	args := []string{
		"-t" + strconv.Itoa(o.threads), "-c" + strconv.Itoa(o.conns), "-d" + strconv.Itoa(wrkSeconds(d)) + "s",
		"--latency", "-s", script, url, tokensFile, strconv.Itoa(o.threads),
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return wrkRun{}, fmt.Errorf("wrk %s: %w: %s%s", url, err, stdout.Bytes(), stderr.Bytes())
	}
	var run wrkRun
	if ps := cmd.ProcessState; ps != nil {
		run.cpu = ps.UserTime() + ps.SystemTime()
	}
	r, err := parseWrk(stdout.Bytes())
	if err != nil {
		return wrkRun{}, fmt.Errorf("wrk %s: %w\n%s%s", url, err, stdout.Bytes(), stderr.Bytes())
	}
	run.report = r
	return run, nil
}
